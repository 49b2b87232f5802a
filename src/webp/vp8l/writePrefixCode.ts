/**
 * Write one prefix code into a VP8L stream (RFC 9649 §3.7.2.1) and return
 * what the symbols' writer needs: each symbol's bit-reversed code and length.
 *
 * - At most one symbol in use: the "simple" form with one symbol, which the
 *   decoder reads with zero bits per occurrence. Only symbols < 256 fit that
 *   form; a lone larger symbol gets a one-bit partner instead.
 * - Otherwise the "normal" form: the code lengths, run-length coded with the
 *   code-length alphabet (0–15 literal, 16 repeat previous non-zero, 17/18
 *   runs of zeros), which is itself a prefix code of at most 7 bits whose
 *   lengths are sent in a fixed order.
 */
import type { BitWriter } from './bitWriter';
import { canonicalCodes, codeLengths } from './prefixCode';

export interface PrefixCode {
  codes: Uint32Array;
  lengths: Uint8Array;
}

const MAX_CODE_LENGTH = 15;
const MAX_CODE_LENGTH_CODE_LENGTH = 7;
/** The order in which the code-length code's own lengths are sent. */
const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

export function writePrefixCode(bw: BitWriter, counts: Uint32Array): PrefixCode {
  let usedCount = 0, only = 0;
  for (let s = 0; s < counts.length; s++) if (counts[s]) (usedCount++, (only = s));
  if (usedCount <= 1 && only < 256) {
    bw.write(1, 1); // simple code
    bw.write(0, 1); // one symbol
    if (only < 2) (bw.write(0, 1), bw.write(only, 1));
    else (bw.write(1, 1), bw.write(only, 8));
    return { codes: new Uint32Array(counts.length), lengths: new Uint8Array(counts.length) };
  }
  if (usedCount === 1) {
    counts = counts.slice();
    counts[only === 0 ? 1 : 0] = 1;
  }
  const lengths = codeLengths(counts, MAX_CODE_LENGTH);
  writeNormalLengths(bw, lengths);
  return { codes: canonicalCodes(lengths), lengths };
}

function writeNormalLengths(bw: BitWriter, lengths: Uint8Array): void {
  const tokens = runLengthTokens(lengths);
  const tokenCounts = new Uint32Array(19);
  for (const t of tokens) tokenCounts[t.symbol]++;
  let kinds = 0;
  for (const c of tokenCounts) if (c) kinds++;
  if (kinds === 1) tokenCounts[tokenCounts[0] ? 1 : 0] = 1; // a complete code needs two symbols
  const clLengths = codeLengths(tokenCounts, MAX_CODE_LENGTH_CODE_LENGTH);
  const clCodes = canonicalCodes(clLengths);
  let sent = CODE_LENGTH_ORDER.length;
  while (sent > 4 && clLengths[CODE_LENGTH_ORDER[sent - 1]] === 0) sent--;
  bw.write(0, 1); // normal code
  bw.write(sent - 4, 4);
  for (let i = 0; i < sent; i++) bw.write(clLengths[CODE_LENGTH_ORDER[i]], 3);
  bw.write(0, 1); // every symbol of the alphabet has a length below (no max_symbol)
  for (const t of tokens) {
    bw.write(clCodes[t.symbol], clLengths[t.symbol]);
    if (t.extraBits) bw.write(t.extra, t.extraBits);
  }
}

interface Token { symbol: number; extra: number; extraBits: number }

/** Code lengths as code-length symbols with their repeat counts. */
function runLengthTokens(lengths: Uint8Array): Token[] {
  const tokens: Token[] = [];
  let previousNonZero = 8; // what code 16 repeats before any non-zero length was sent
  for (let i = 0; i < lengths.length; ) {
    const v = lengths[i];
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === v) run++;
    i += run;
    if (v === 0) {
      while (run >= 11) { const r = Math.min(run, 138); tokens.push({ symbol: 18, extra: r - 11, extraBits: 7 }); run -= r; }
      if (run >= 3) { tokens.push({ symbol: 17, extra: run - 3, extraBits: 3 }); run = 0; }
      for (; run > 0; run--) tokens.push({ symbol: 0, extra: 0, extraBits: 0 });
      continue;
    }
    if (previousNonZero !== v) { tokens.push({ symbol: v, extra: 0, extraBits: 0 }); run--; previousNonZero = v; }
    while (run >= 3) { const r = Math.min(run, 6); tokens.push({ symbol: 16, extra: r - 3, extraBits: 2 }); run -= r; }
    for (; run > 0; run--) tokens.push({ symbol: v, extra: 0, extraBits: 0 });
  }
  return tokens;
}
