/**
 * A y range for many curves drawn around zero (random networks, before and
 * after training): symmetric, in whole units, 4 % beyond the largest |value|,
 * so no curve leaves the frame and y = 0 stays in the middle.
 */
export function symmetricRange(values: ArrayLike<number>): [number, number] {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  const r = Math.ceil(maxAbs * 1.04);
  return [-r, r];
}
