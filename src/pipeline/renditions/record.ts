/** What the pipeline records about each rendition file it wrote (provenance → manifest → page). */
import type { Rendition } from '../contract';

export interface RenditionRecord {
  layout: Rendition['layout'];
  scheme: Rendition['scheme'];
  pixelRatio: number;
  /** 'image' for stills, 'animation' for the moving picture, 'poster' for its still frame. */
  role: 'image' | 'animation' | 'poster';
  format: 'webp' | 'gif' | 'png';
  /** File name inside the cache entry. */
  file: string;
  /** CSS px the rendition was drawn for. */
  width: number;
  height: number;
  /** Smallest font size drawn, in CSS px at `width` (displayed size = this × shown width ÷ width). */
  minTextPx: number;
}
