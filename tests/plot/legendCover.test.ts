/** Axes.pointsUnderLegend: which data points a legend box hides, from the same layout the legend is drawn with. */
import { describe, expect, it } from 'vitest';
import { createFigure, RecordingContext } from '../../src/plot';
import type { LegendPosition } from '../../src/plot';

/** A unit-square axes with labelled dots at the four corners' insides and the centre. */
function cornerFigure(legend: LegendPosition | false) {
  const fig = createFigure({ width: 400, height: 300 });
  const ax = fig.axes({ x: { domain: [0, 1] }, y: { domain: [0, 1] }, legend });
  ax.scatter([0.04, 0.96, 0.04, 0.96, 0.5], [0.04, 0.04, 0.96, 0.96, 0.5], { label: 'dots' });
  ax.line([0, 1], [0.02, 0.02], { label: 'a line along the bottom' });
  fig.draw(new RecordingContext());
  return { fig, ax };
}

describe('Axes.pointsUnderLegend', () => {
  it.each([
    ['lower left', { x: 0.04, y: 0.04 }],
    ['lower right', { x: 0.96, y: 0.04 }],
    ['upper left', { x: 0.04, y: 0.96 }],
    ['upper right', { x: 0.96, y: 0.96 }],
  ] as const)('a %s legend hides the dot in that corner and no other', (pos, dot) => {
    const { ax } = cornerFigure(pos);
    expect(ax.pointsUnderLegend()).toEqual([dot]);
  });

  it('lines under the legend do not count; no legend hides nothing', () => {
    const { ax } = cornerFigure(false);
    expect(ax.pointsUnderLegend()).toEqual([]);
  });

  it('counts stem heads, and only points inside the plot (clipped ones are not drawn)', () => {
    const fig = createFigure({ width: 400, height: 300 });
    const ax = fig.axes({ x: { domain: [0, 1] }, y: { domain: [0, 1] }, legend: 'lower left' });
    ax.stem([0.03, 0.6], [0.05, 0.05], { label: 'stems' });
    ax.scatter([-0.5, 0.03], [0.05, -0.5], {});
    fig.draw(new RecordingContext());
    expect(ax.pointsUnderLegend()).toEqual([{ x: 0.03, y: 0.05 }]);
  });

  it('follows the legend box as it grows: a longer label reaches a dot that a short one misses', () => {
    const hidden = (label: string) => {
      const fig = createFigure({ width: 400, height: 300 });
      const ax = fig.axes({ x: { domain: [0, 1] }, y: { domain: [0, 1] }, legend: 'lower left' });
      ax.scatter([0.45], [0.06], { label });
      fig.draw(new RecordingContext());
      return ax.pointsUnderLegend().length;
    };
    expect(hidden('dot')).toBe(0);
    expect(hidden('a dot with a very long label indeed, as on a desktop')).toBe(1);
  });

  it('Figure.pointsUnderLegends names the axes by index and title', () => {
    const fig = createFigure({ width: 600, height: 300 });
    fig.axes({ rect: [0, 0, 0.5, 1], x: { domain: [0, 1] }, y: { domain: [0, 1] }, title: 'clear', legend: 'upper right' }).scatter([0.04], [0.04], { label: 'dots' });
    fig.axes({ rect: [0.5, 0, 1, 1], x: { domain: [0, 1] }, y: { domain: [0, 1] }, title: 'covered', legend: 'lower left' }).scatter([0.04], [0.04], { label: 'dots' });
    fig.draw(new RecordingContext());
    expect(fig.pointsUnderLegends()).toEqual([{ axes: 1, title: 'covered', points: [{ x: 0.04, y: 0.04 }] }]);
  });
});
