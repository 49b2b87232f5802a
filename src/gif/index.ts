/** Public API of the GIF encoder; see src/plot/README.md. */
export { encodeAnimation, type AnimationSpec, type EncodedAnimation, type FrameSource } from './encodeAnimation';
export { GifWriter, type GifWriterOptions } from './gifWriter';
export { buildPalette, PaletteMapper, type Rgb, type PaletteOptions } from './palette';
export { rgbaToPng } from './png';
