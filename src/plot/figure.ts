/**
 * A figure: a white page of `width` × `height` CSS px holding one or more
 * Axes, each in a fractional rectangle of the page. Render it to any
 * DrawContext, to RGBA pixels, or to PNG bytes (at `pixelRatio` device px per
 * CSS px). Build a fresh Figure per animation frame: it is cheap, and the
 * typesetting cache makes repeated labels free.
 */
import { Axes, type AxesLayout, type AxesOptions, type Insets, type StagedAxes } from './axes';
import { CanvasContext } from './canvasContext';
import type { DrawContext, RgbaImage } from './context';
import { drawLabel, measure } from './drawLabel';
import { NullContext } from './nullContext';
import { defaultTheme, type Theme } from './theme';

export interface FigureOptions {
  /** CSS px. */
  width: number;
  height: number;
  /** Device pixels per CSS px (default 1). */
  pixelRatio?: number;
  theme?: Theme;
  /** Title over the whole figure (TeX-in-text). */
  title?: string;
}

export interface AxesPlacement extends AxesOptions {
  /** [left, top, right, bottom] as fractions of the page (below the figure title); default whole page. */
  rect?: [number, number, number, number];
}

export class Figure {
  readonly theme: Theme;
  readonly pixelRatio: number;
  private readonly items: { axes: Axes; rect: [number, number, number, number] }[] = [];
  private locked: (Insets | undefined)[] = [];
  /** Height kept for the figure title, when an animation locks it (lockInsets). */
  private lockedTitleSpace?: number;
  /** Smallest font size (CSS px) drawn by the last renderTo / png / rgba. */
  minTextPx = Infinity;

  constructor(readonly options: FigureOptions) {
    if (!(options.width > 0 && options.height > 0)) throw new Error('figure: width and height must be positive');
    this.theme = options.theme ?? defaultTheme;
    this.pixelRatio = options.pixelRatio ?? 1;
  }

  get width() { return this.options.width; }
  get height() { return this.options.height; }

  /** Add axes; returns them for adding marks. */
  axes(o: AxesPlacement): Axes {
    const ax = new Axes(o, this.theme);
    this.items.push({ axes: ax, rect: o.rect ?? [0, 0, 1, 1] });
    return ax;
  }

  /** Draw onto a context whose coordinates are this figure's CSS px (`marks: false`: layout and frames only). */
  draw(ctx: DrawContext, { marks = true }: { marks?: boolean } = {}): AxesLayout[] {
    const staged = this.stage();
    this.drawUnder(ctx, staged);
    this.drawAbove(ctx, staged, marks);
    return staged.map((a) => a.layout);
  }

  /** Every axes laid out in its rectangle, below the figure title. */
  private stage(): StagedAxes[] {
    const top = this.lockedTitleSpace ?? this.titleSpace();
    const H = this.height - top;
    return this.items.map(({ axes, rect: [l, t, r, b] }, k) =>
      axes.stage({ x: l * this.width, y: top + t * H, w: (r - l) * this.width, h: (b - t) * H }, this.pixelRatio, this.locked[k]),
    );
  }

  /** Each axes' under layer (Axes.stage). Axes do not overlap, so layer by layer is the same picture. */
  private drawUnder(ctx: DrawContext, staged: readonly StagedAxes[]): void {
    for (const a of staged) a.under(ctx);
  }

  /** The marks (unless `marks` is false), each axes' over layer, and the figure title (which frames often change). */
  private drawAbove(ctx: DrawContext, staged: readonly StagedAxes[], marks: boolean): void {
    if (marks) for (const a of staged) a.marks(ctx);
    for (const a of staged) a.over(ctx, { legend: marks });
    const T = this.theme;
    if (this.options.title) {
      drawLabel(ctx, this.options.title, this.width / 2, T.pad, { size: T.fontSize.title, color: T.foreground, anchor: 'middle', baseline: 'top' });
    }
  }

  /** Per axes (by index), the data points its legend hides in the last draw (Axes.pointsUnderLegend). */
  pointsUnderLegends(): { axes: number; title?: string; points: { x: number; y: number }[] }[] {
    return this.items
      .map(({ axes }, k) => ({ axes: k, title: axes.options.title, points: axes.pointsUnderLegend() }))
      .filter((a) => a.points.length > 0);
  }

  /** Where each axes was laid out by the last draw (for tests and overlays). */
  axesLayouts(): AxesLayout[] {
    return this.items.map(({ axes }) => {
      if (!axes.layout) throw new Error('figure: not drawn yet');
      return axes.layout;
    });
  }

  /** Height the figure title takes above the axes (0 without a title). */
  titleSpace(): number {
    if (!this.options.title) return 0;
    const m = measure(this.options.title, this.theme.fontSize.title);
    return m.ascent + m.descent + 2 * this.theme.pad;
  }

  /** Lay out without drawing pixels or marks (they never move the layout): the insets each axes would take. */
  measureInsets(): Insets[] {
    return this.draw(new NullContext(), { marks: false }).map((l) => l.insets);
  }

  /**
   * Fix each axes' insets and the figure title's height (the largest over an
   * animation's frames), so the plot box stays put while tick labels change
   * width or titles change height. Axes with aspect 'equal' centre their plot
   * and are left alone.
   */
  lockInsets(insets: Insets[], titleSpace?: number): this {
    this.locked = this.items.map(({ axes }, k) => (axes.options.aspect === 'equal' ? undefined : insets[k]));
    this.lockedTitleSpace = titleSpace;
    return this;
  }

  /**
   * Render to a canvas context (by default one shared per size, reused across
   * frames). `reuseUnderLayer`: for an animation's frames, copy the layer
   * beneath the marks from the previous frame drawn on this canvas when it
   * would be drawn the same (CanvasContext.drawUnderLayer); the pixels are
   * the same either way.
   */
  renderTo(target?: CanvasContext, { reuseUnderLayer = false }: { reuseUnderLayer?: boolean } = {}): CanvasContext {
    const c = target ?? sharedCanvas(this.width, this.height, this.pixelRatio);
    if (c.width !== this.width || c.height !== this.height || c.pixelRatio !== this.pixelRatio) {
      throw new Error('figure: target canvas has a different size or pixel ratio');
    }
    const staged = this.stage();
    if (reuseUnderLayer) {
      c.drawUnderLayer(this.theme.background, (ctx) => this.drawUnder(ctx, staged));
    } else {
      c.reset(this.theme.background);
      this.drawUnder(c, staged);
    }
    this.drawAbove(c, staged, true);
    this.minTextPx = c.minTextSize;
    return c;
  }

  /** RGBA pixels (device resolution); `reuseUnderLayer` as for renderTo. */
  rgba(target?: CanvasContext, options: { reuseUnderLayer?: boolean } = {}): RgbaImage {
    return this.renderTo(target, options).rgba();
  }

  /** PNG bytes (device resolution). */
  png(target?: CanvasContext): Uint8Array {
    return this.renderTo(target).png();
  }
}

const canvases = new Map<string, CanvasContext>();
/** Canvas reuse: animations render hundreds of same-size frames; pixels are copied out by rgba()/png(). */
function sharedCanvas(w: number, h: number, pr: number): CanvasContext {
  const key = `${w}x${h}@${pr}`;
  let c = canvases.get(key);
  if (!c) {
    if (canvases.size > 8) canvases.clear();
    c = new CanvasContext(w, h, pr);
    canvases.set(key, c);
  }
  return c;
}

/** Shorthand: `createFigure({ width: 750, height: 570 })`. */
export function createFigure(o: FigureOptions): Figure {
  return new Figure(o);
}
