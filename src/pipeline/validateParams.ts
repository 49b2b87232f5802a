/**
 * Parameter validation at the edge: the published params are the schema's
 * defaults. zod 4's `.default()` returns the default WITHOUT validating it, so
 * we parse `{}` and then parse the result again: a default that breaks its own
 * schema (e.g. `widths: z.array(z.number().positive()).default([-10])`) is
 * caught, and the error names the parameter, the value and what is allowed.
 */
import type { z } from 'zod';

export class ParamError extends Error {
  constructor(
    readonly figureId: string,
    readonly param: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`figure ${figureId}: parameter "${param}" = ${showValue(value)} is invalid: ${allowed}`);
    this.name = 'ParamError';
  }
}

export function validateParams(figureId: string, schema: z.ZodType, input: unknown = {}): unknown {
  if (!schema || typeof (schema as { safeParse?: unknown }).safeParse !== 'function') {
    throw new ParamError(figureId, '(params)', undefined, 'the definition needs a zod schema in `params`');
  }
  const first = schema.safeParse(input);
  if (!first.success) throw issueError(figureId, first.error.issues[0], input);
  const second = schema.safeParse(first.data);
  if (!second.success) throw issueError(figureId, second.error.issues[0], first.data);
  return second.data;
}

function issueError(figureId: string, issue: z.core.$ZodIssue, input: unknown): ParamError {
  const p = issue.path as PropertyKey[];
  return new ParamError(figureId, formatPath(p), valueAt(input, p), allowedText(issue));
}

/** `widths[0]`, `optimizer.lr` — the way a reader would write it. */
export function formatPath(p: PropertyKey[]): string {
  if (p.length === 0) return '(params)';
  return p
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

function valueAt(input: unknown, p: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function showValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Turn a zod issue into "what is allowed", falling back on zod's own message. */
function allowedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const op = issue.inclusive ? '>=' : '>';
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${op} ${issue.minimum} items`;
      if (issue.origin === 'string') return `must have ${op} ${issue.minimum} characters`;
      return `must be ${op} ${issue.minimum}`;
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${op} ${issue.maximum} items`;
      if (issue.origin === 'string') return `must have ${op} ${issue.maximum} characters`;
      return `must be ${op} ${issue.maximum}`;
    }
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'an integer' : `of type ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((x) => JSON.stringify(x)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `unknown key(s) ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}
