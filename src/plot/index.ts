/** Public API of the plot engine; see README.md. */
export { createFigure, Figure, type FigureOptions, type AxesPlacement } from './figure';
export { Axes, type AxesOptions, type AxisOptions, type AxesLayout, type Box, type LegendPosition } from './axes';
export { CanvasContext } from './canvasContext';
export { RecordingContext, type RecordedPaint, type RecordedText } from './recordingContext';
export type { DrawContext, RgbaImage, PathContext } from './context';
export { defaultTheme, type Theme } from './theme';
export { typeset, toTex, type TypesetText } from './typeset';
export { drawLabel, measure } from './drawLabel';
export { createAxisScale, type AxisScale, type Tick, type AxisType } from './axisScale';
export { colormapLut, colormapCss, type ColormapName } from './colormap';
export { rasteriseHeatmap, type HeatmapRaster } from './resample';
export type * from './marks';
