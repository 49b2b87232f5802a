/** The renderer: turns a script's drawing functions into rendition files. Its sources are part of every cache key. */
export { renderStill, type RenderedOutput, type WriteBytes } from './renderStill';
export { renderAnimated } from './renderAnimated';
export { renditionKeys, makeRendition, cssWidth, PHONE_WIDTH, SLOT_WIDTH, PHONE_MAX_VIEWPORT_REM } from './plan';
export type { RenditionRecord } from './record';
