/**
 * gifenc's package entry is CommonJS without static named exports that Node's
 * ESM loader can detect: under Node/tsx the namespace only has `default` (the
 * whole exports object), while Vite/vitest expose the named exports directly
 * (and `default` is GIFEncoder itself). Take whichever object has GIFEncoder.
 */
import * as ns from 'gifenc';

type GifencModule = typeof import('gifenc');
const nsAny = ns as unknown as Partial<GifencModule> & { default?: Partial<GifencModule> };
const mod = (typeof nsAny.GIFEncoder === 'function' ? nsAny : nsAny.default) as GifencModule;
if (typeof mod?.GIFEncoder !== 'function') throw new Error('gifenc: could not find GIFEncoder export');

export const GIFEncoder = mod.GIFEncoder;
export const quantize = mod.quantize;
export type { Encoder, Palette } from 'gifenc';
