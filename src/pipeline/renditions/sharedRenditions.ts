/**
 * Renditions shared between outputs of one script run.
 *
 * A phone rendition does not depend on the desktop slot: every output is
 * drawn 360 CSS px wide on phones. So when two outputs publish the same
 * drawing function with the same options (a hero animation and the same
 * animation again in a row, say), their phone renditions are drawn and
 * encoded once, and both outputs list the same files. That saves the build
 * the work and, because the published URL is the same, a phone downloads the
 * picture once.
 *
 * Sharing is by identity: the same `draw` function object, and option values
 * that are equal (functions among them by identity). A script opts in simply
 * by passing one function to both outputs. The owner (whose id names the
 * files) is the output that claimed first, i.e. the one published first, so
 * names do not depend on which output's drawing happens to finish first.
 */
import type { RenditionRecord } from './record';

export interface SharedRendition {
  /** True for the first output to claim it: it draws and encodes, then calls `settle`. */
  owner: boolean;
  records: Promise<RenditionRecord[]>;
  settle(work: Promise<RenditionRecord[]>): void;
}

export class SharedRenditions {
  private readonly byDraw = new WeakMap<object, Map<string, Promise<RenditionRecord[]>>>();
  private readonly functionIds = new WeakMap<object, number>();
  private nextFunctionId = 0;

  /** Claim rendition `tag` of `draw` with `options`. Call synchronously when the output is published. */
  claim(draw: object, options: unknown, tag: string): SharedRendition {
    let byKey = this.byDraw.get(draw);
    if (!byKey) this.byDraw.set(draw, (byKey = new Map()));
    const key = `${tag} ${this.signature(options)}`;
    const existing = byKey.get(key);
    if (existing) return { owner: false, records: existing, settle: () => {} };
    let settle!: (work: Promise<RenditionRecord[]>) => void;
    const records = new Promise<RenditionRecord[]>((resolve) => { settle = resolve; });
    // Usually nobody else waits on it: the owner reports its own failure, so this must not count as unhandled.
    records.catch(() => {});
    byKey.set(key, records);
    return { owner: true, records, settle };
  }

  /** JSON of the options, with each function replaced by a number unique to it. */
  private signature(options: unknown): string {
    return JSON.stringify(options, (_k, v: unknown) => {
      if (typeof v !== 'function') return v;
      let id = this.functionIds.get(v);
      if (id === undefined) this.functionIds.set(v, (id = this.nextFunctionId++));
      return `function#${id}`;
    });
  }
}

/**
 * Per rendition key: the shared claim for phone keys (slot-independent), or
 * undefined where the output must draw its own. Claims are taken at once, in
 * key order, before any drawing starts.
 */
export function claimPhoneRenditions<K extends { layout: string }>(
  shared: SharedRenditions,
  draw: object,
  options: unknown,
  keys: readonly K[],
  tagOf: (key: K) => string,
): (SharedRendition | undefined)[] {
  return keys.map((key) => (key.layout === 'phone' ? shared.claim(draw, options, tagOf(key)) : undefined));
}

/** Run `encode` as the owner of `claim` (or alone), or wait for the owner's records. */
export async function sharedOrOwn(claim: SharedRendition | undefined, encode: () => Promise<RenditionRecord[]>): Promise<RenditionRecord[]> {
  if (!claim) return encode();
  if (!claim.owner) return claim.records;
  const work = encode();
  claim.settle(work);
  return work;
}
