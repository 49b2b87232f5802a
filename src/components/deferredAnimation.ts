/**
 * The hero's animation replaces its poster only once the animation is in
 * hand. Its <source>s start with the poster in `srcset` and the animation in
 * `data-deferred-srcset` (figureSources.ts). Rewriting `srcset` while the new
 * file is not yet loaded makes Chromium drop the poster at once: the hero
 * showed nothing (naturalWidth 0) until the animation's first bytes came:
 * 36-57 ms from localhost, 177 ms at 100 ms latency and 200 KB/s, longer on a
 * phone's network. So the file the browser
 * will choose is fetched and decoded first; the swap then finds it among
 * the document's available images and happens in one step. If it cannot be
 * fetched, the poster stays: a still is better than an empty box.
 */

interface Candidate {
  url: string;
  descriptor: string;
}

function candidates(srcset: string): Candidate[] {
  return srcset
    .split(',')
    .map((c) => c.trim().split(/\s+/))
    .filter(([url]) => url)
    .map(([url, descriptor = '1x']) => ({ url: new URL(url, document.baseURI).href, descriptor }));
}

/** The animation file that will replace what `img` shows now, if what it shows is a deferred poster. */
export function nextAnimationUrl(img: HTMLImageElement, sources: HTMLSourceElement[]): string | undefined {
  for (const source of sources) {
    const shown = candidates(source.srcset).find((c) => c.url === img.currentSrc);
    if (!shown) continue;
    const next = candidates(source.dataset.deferredSrcset ?? '');
    return (next.find((c) => c.descriptor === shown.descriptor) ?? next[next.length - 1])?.url;
  }
  return undefined;
}

async function preload(url: string): Promise<boolean> {
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
    return true;
  } catch {
    return false;
  }
}

/** Swaps every deferred source of the document's pictures to its animation, each picture once its file is ready. */
export function startDeferredAnimations(root: Document): void {
  for (const picture of root.querySelectorAll('picture')) {
    const sources = [...picture.querySelectorAll<HTMLSourceElement>('source[data-deferred-srcset]')];
    const img = picture.querySelector('img');
    if (!sources.length || !img) continue;
    // Another source (reduced motion, no WebP) may be showing: then nothing visible changes and no wait is needed.
    const url = nextAnimationUrl(img, sources);
    void (url ? preload(url) : Promise.resolve(true)).then((ready) => {
      for (const s of sources) {
        if (ready) s.srcset = s.dataset.deferredSrcset!;
        s.removeAttribute('data-deferred-srcset');
      }
    });
  }
}
