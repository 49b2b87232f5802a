/**
 * Canonical prefix (Huffman) codes as VP8L uses them: lengths from symbol
 * counts, limited to a maximum length, and codes assigned in (length, symbol)
 * order as in DEFLATE, stored bit-reversed because the stream is read
 * least-significant bit first.
 */

/**
 * Code lengths of an optimal prefix code for `counts`, none longer than
 * `maxLength`. Symbols with count 0 get length 0. With fewer than two used
 * symbols the result is all zeros but for the one used symbol (length 0 too):
 * callers write such an alphabet as a one-symbol code.
 *
 * When the optimal tree is too deep, small counts are raised to a floor that
 * doubles until it fits (as libwebp does): every result is a real Huffman
 * tree, so the code is always complete, which decoders require.
 */
export function codeLengths(counts: ArrayLike<number>, maxLength: number): Uint8Array {
  const lengths = new Uint8Array(counts.length);
  const used: number[] = [];
  for (let s = 0; s < counts.length; s++) if (counts[s] > 0) used.push(s);
  if (used.length < 2) return lengths;
  for (let floor = 1; ; floor *= 2) {
    const depth = huffmanDepths(used.map((s) => Math.max(counts[s], floor)));
    if (Math.max(...depth) <= maxLength) {
      used.forEach((s, i) => (lengths[s] = depth[i]));
      return lengths;
    }
  }
}

/** Depth of each leaf in a Huffman tree of the given weights (two-queue construction). */
function huffmanDepths(weights: number[]): number[] {
  const n = weights.length;
  const order = weights.map((_, i) => i).sort((a, b) => weights[a] - weights[b] || a - b);
  // Nodes 0..n-1 are leaves (in weight order), n.. are merged nodes, created in non-decreasing weight.
  const weight = new Float64Array(2 * n - 1);
  const parent = new Int32Array(2 * n - 1);
  order.forEach((leaf, i) => (weight[i] = weights[leaf]));
  let leaf = 0, merged = n, next = n;
  const take = (): number => (leaf < n && (merged >= next || weight[leaf] <= weight[merged]) ? leaf++ : merged++);
  while (next < 2 * n - 1) {
    const a = take(), b = take();
    weight[next] = weight[a] + weight[b];
    parent[a] = parent[b] = next;
    next++;
  }
  const depthOf = new Int32Array(2 * n - 1);
  for (let i = 2 * n - 3; i >= 0; i--) depthOf[i] = depthOf[parent[i]] + 1;
  const depths = new Array<number>(n);
  order.forEach((leafSymbol, i) => (depths[leafSymbol] = depthOf[i]));
  return depths;
}

/** Canonical codes for `lengths`, each bit-reversed so it can be written least-significant bit first. */
export function canonicalCodes(lengths: Uint8Array): Uint32Array {
  const maxLength = Math.max(0, ...lengths);
  const perLength = new Uint32Array(maxLength + 1);
  for (const l of lengths) if (l) perLength[l]++;
  const next = new Uint32Array(maxLength + 2);
  for (let l = 1, code = 0; l <= maxLength; l++) {
    code = (code + perLength[l - 1]) << 1;
    next[l] = code;
  }
  const codes = new Uint32Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s];
    if (l) codes[s] = reverseBits(next[l]++, l);
  }
  return codes;
}

function reverseBits(v: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++, v >>>= 1) r = (r << 1) | (v & 1);
  return r;
}
