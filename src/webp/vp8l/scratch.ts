/**
 * Working arrays the encoder reuses from one image to the next. An animation
 * is encoded as thousands of frame boxes, each needing several arrays of a
 * few hundred kilobytes; fresh ones each time are fresh memory, zeroed and
 * page-faulted in by the kernel. The encoder is synchronous, so one set is
 * enough. A scratch array holds whatever the last image left in it: callers
 * write every element they read, or clear it.
 */
type Typed = Uint8Array | Uint16Array | Uint32Array;

const arrays = new Map<string, Typed>();

export function scratch<T extends Typed>(name: string, Type: new (length: number) => T, length: number): T {
  let a = arrays.get(name) as T | undefined;
  if (!a || a.length < length) {
    a = new Type(Math.max(length, 2 * (a?.length ?? 0)));
    arrays.set(name, a);
  }
  return a.subarray(0, length) as T;
}
