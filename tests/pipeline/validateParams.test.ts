/** Parameter validation messages: figure, parameter path, value given, what is allowed. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ParamError, validateParams } from '../../src/pipeline/validateParams';

const message = (schema: z.ZodType): string => {
  try {
    validateParams('ntk/weight-matrices', schema);
  } catch (e) {
    expect(e).toBeInstanceOf(ParamError);
    return (e as Error).message;
  }
  throw new Error('expected a ParamError');
};

describe('validateParams', () => {
  it('returns the defaults when they are valid', () => {
    const s = z.object({ widths: z.array(z.number().positive()).default([10, 100]), lr: z.number().default(0.1) });
    expect(validateParams('x', s)).toEqual({ widths: [10, 100], lr: 0.1 });
  });

  it('validates defaults, which zod 4 does not do by itself', () => {
    const s = z.object({ widths: z.array(z.number().positive()).default([-10]) });
    expect(s.parse({})).toEqual({ widths: [-10] }); // the zod behaviour we guard against
    expect(message(s)).toBe('figure ntk/weight-matrices: parameter "widths[0]" = -10 is invalid: must be > 0');
  });

  it.each([
    [z.object({ n: z.number().int().default(2.5) }), 'parameter "n" = 2.5 is invalid: must be an integer'],
    [z.object({ n: z.number().min(1).default(0) }), 'parameter "n" = 0 is invalid: must be >= 1'],
    [z.object({ o: z.object({ lr: z.number().lt(1).default(3) }).default({ lr: 3 }) }), 'parameter "o.lr" = 3 is invalid: must be < 1'],
    [z.object({ k: z.enum(['relu', 'tanh']).default('erf' as 'relu') }), 'parameter "k" = "erf" is invalid: must be one of "relu", "tanh"'],
    [z.object({ w: z.array(z.number()).min(2).default([1]) }), 'parameter "w" = [1] is invalid: must have >= 2 items'],
    [z.object({ n: z.number() }), 'parameter "n" = undefined is invalid: must be of type number'],
  ])('%#: names path, value and allowed range', (schema, expected) => {
    expect(message(schema)).toBe(`figure ntk/weight-matrices: ${expected}`);
  });

  it('rejects a definition without a zod schema', () => {
    expect(() => validateParams('x', {} as z.ZodType)).toThrow(/needs a zod schema/);
  });
});
