/**
 * Play/pause for animated figures (GIFs). The markup works without script:
 * a <picture> shows the GIF, or its poster under prefers-reduced-motion.
 * This script adds the toggle button:
 * - aria-pressed="true" while the animation plays;
 * - pausing draws the current frame onto a canvas laid over the image, so the
 *   reader keeps exactly the frame they paused on (a GIF cannot be paused);
 * - under reduced motion it starts paused on the poster and plays only when
 *   asked (by dropping the reduced-motion <source>).
 */
export function enhanceAnimations(root: ParentNode): void {
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  for (const box of root.querySelectorAll<HTMLElement>('[data-anim]')) {
    if (box.dataset.enhanced) continue;
    box.dataset.enhanced = '1';
    const img = box.querySelector('img')!;
    const canvas = box.querySelector<HTMLCanvasElement>('canvas.figure-freeze')!;
    const button = box.querySelector<HTMLButtonElement>('button.figure-toggle')!;
    const reducedSources = box.querySelectorAll('source[data-reduced]');
    const set = (playing: boolean): void => {
      button.setAttribute('aria-pressed', String(playing));
      button.title = playing ? 'Pause animation' : 'Play animation';
      box.dataset.state = playing ? 'playing' : 'paused';
    };

    set(!reduce);
    button.hidden = false;
    button.addEventListener('click', () => {
      const playing = button.getAttribute('aria-pressed') === 'true';
      if (playing) {
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        canvas.getContext('2d')!.drawImage(img, 0, 0);
        canvas.hidden = false;
        set(false);
      } else {
        canvas.hidden = true;
        // Under reduced motion the poster is showing: switch to the GIF.
        reducedSources.forEach((s) => s.remove());
        set(true);
      }
    });
  }
}
