/**
 * Content hashing for cache keys and published file names. Everything the
 * pipeline decides by content goes through here, never through mtimes.
 */
import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * JSON with object keys sorted at every level, so two equal parameter objects
 * hash the same whatever order the schema produced their keys in.
 * Non-finite numbers are spelled out (JSON would turn them into null and make
 * `NaN` and `null` collide).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return `__number:${value}`;
  if (typeof value === 'bigint') return `__bigint:${value}`;
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>).map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
