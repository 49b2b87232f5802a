/**
 * A rendition is only right if the script drew it with `r.figure(…)`: a figure
 * of another width, density or theme would be served at the wrong size or in
 * the wrong colours, so it fails the figure, naming the output.
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
