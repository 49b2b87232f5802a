/**
 * gifenc's package entry is CommonJS without static named exports that Node's
 * ESM loader can detect, so import the namespace and take `.default` when the
 * loader wrapped it (Node, tsx) or the namespace itself (bundlers).
 */
import * as ns from 'gifenc';

type GifencModule = typeof import('gifenc');
const mod: GifencModule = ((ns as unknown as { default?: GifencModule }).default ?? ns) as GifencModule;

export const GIFEncoder = mod.GIFEncoder;
export const quantize = mod.quantize;
export type { Encoder, Palette } from 'gifenc';
