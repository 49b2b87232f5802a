/**
 * Checks on a drawn rendition that fail the figure, naming the output:
 * - it was drawn with `r.figure(…)`: a figure of another width, density or
 *   theme would be served at the wrong size or in the wrong colours;
 * - no legend hides a data point. Each rendition lays its legend out anew
 *   (phones get other fonts, aspects and labels), so a legend clear on a
 *   desktop can cover a measurement on a phone, and no one looks at every
 *   rendition of every frame.
 */
import type { Figure } from '../../plot/figure';
import type { Rendition } from '../contract';
import { OutputError } from '../outputError';

export function checkFigureFits(id: string, fig: Figure, r: Rendition): void {
  if (!fig || typeof (fig as Figure).rgba !== 'function') {
    throw new OutputError(`output "${id}": draw() must return a plot Figure (use r.figure({ aspect }))`);
  }
  if (fig.width !== r.width || fig.pixelRatio !== r.pixelRatio || fig.theme.background !== r.theme.background) {
    throw new OutputError(
      `output "${id}": the ${r.layout}/${r.scheme} rendition must be drawn ${r.width} CSS px wide at ${r.pixelRatio}× in the ` +
        `rendition's theme, got ${fig.width} px at ${fig.pixelRatio}×: create it with r.figure({ aspect }) or r.figure({ height })`,
    );
  }
}

const num = (v: number) => String(Number(v.toPrecision(3))).replace(/-/g, '−');

/** Fails the output when a legend of the drawn figure covers a scatter dot or stem head (Axes.pointsUnderLegend). */
export function checkLegendsClear(id: string, fig: Figure, r: Rendition, frame?: number): void {
  const covered = fig.pointsUnderLegends();
  if (!covered.length) return;
  const { title, points } = covered[0];
  const where = `${title ? `the legend of the axes titled ${title}` : `the legend of axes ${covered[0].axes + 1}`}`;
  const shown = points.slice(0, 3).map((p) => `(${num(p.x)}, ${num(p.y)})`).join(', ') + (points.length > 3 ? ', …' : '');
  throw new OutputError(
    `output "${id}": in the ${r.layout}/${r.scheme} rendition${frame === undefined ? '' : `, frame ${frame}`}, ${where} hides ` +
      `${points.length} data point${points.length > 1 ? 's' : ''}: ${shown}. Move it (legend: 'upper left' | 'upper right' | ` +
      `'lower left' | 'lower right'), make room for it in the axis domain, shorten its labels for this layout, or turn it off.`,
  );
}
