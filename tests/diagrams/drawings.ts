/**
 * The drawings in a rendered diagram's HTML: one, or a wide and a narrow one
 * (Diagram.astro's `layout`), each with its viewBox width and the sizes of its
 * labels in viewBox units (Label.astro's data-size).
 */
export interface Drawing {
  layout?: 'wide' | 'narrow';
  /** viewBox width (units). */
  width: number;
  /** Every label's size (units). */
  sizes: number[];
  html: string;
}

export function drawings(html: string): Drawing[] {
  // Diagrams do not nest, so each starts where the previous one's markup ends.
  return html.split(/(?=<div class="diagram")/).filter((part) => part.startsWith('<div class="diagram"')).map((part) => {
    const open = /^<div[^>]*>/.exec(part)![0];
    const layout = /data-layout="(wide|narrow)"/.exec(open)?.[1] as Drawing['layout'];
    const width = Number(/--vw:(\d+(?:\.\d+)?)/.exec(open)![1]);
    const sizes = [...part.matchAll(/<span class="label[^"]*" data-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    return { layout, width, sizes, html: part };
  });
}
