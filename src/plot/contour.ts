/**
 * Contour lines of a gridded field by marching squares. Works in grid index
 * space (fractional row, column), so the caller maps the result through
 * whatever axes the grid sits on: a grid uniform in log α and log m on log
 * axes gives straight cells on screen, and the lines follow.
 *
 * Saddle cells (opposite corners on the same side of the level) are resolved
 * by the cell-centre average, the usual convention.
 */

/**
 * Segments of the level set {values = level}: a flat array of
 * (r0, c0, r1, c1) quadruples in fractional (row, column) indices.
 * `values` is row-major rows × cols; NaN cells are skipped.
 */
export function contourSegments(values: ArrayLike<number>, rows: number, cols: number, level: number): Float64Array {
  const out: number[] = [];
  const at = (r: number, c: number) => values[r * cols + c];
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      // Corners clockwise from top-left: (r, c), (r, c+1), (r+1, c+1), (r+1, c).
      const v0 = at(r, c), v1 = at(r, c + 1), v2 = at(r + 1, c + 1), v3 = at(r + 1, c);
      if (!Number.isFinite(v0 + v1 + v2 + v3)) continue;
      const code = (v0 > level ? 8 : 0) | (v1 > level ? 4 : 0) | (v2 > level ? 2 : 0) | (v3 > level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      // Crossing points on the four edges (linear interpolation).
      const t = (a: number, b: number) => (level - a) / (b - a);
      const top = () => [r, c + t(v0, v1)];
      const right = () => [r + t(v1, v2), c + 1];
      const bottom = () => [r + 1, c + t(v3, v2)];
      const left = () => [r + t(v0, v3), c];
      const seg = (a: number[], b: number[]) => out.push(a[0], a[1], b[0], b[1]);
      const centreAbove = (v0 + v1 + v2 + v3) / 4 > level;
      switch (code) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(top(), right()); break;
        case 6: case 9: seg(top(), bottom()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: // v1 and v3 above
          if (centreAbove) { seg(left(), top()); seg(bottom(), right()); } else { seg(top(), right()); seg(left(), bottom()); }
          break;
        case 10: // v0 and v2 above
          if (centreAbove) { seg(top(), right()); seg(left(), bottom()); } else { seg(left(), top()); seg(bottom(), right()); }
          break;
      }
    }
  }
  return Float64Array.from(out);
}
