/**
 * Figures follow the site's theme, not only the system's. Dark <source>s are
 * written with `(prefers-color-scheme: dark)` so they work without script;
 * once the theme is known (the head script sets html[data-theme] from the
 * stored choice or the system), their media becomes their layout media
 * (dark) or `not all` (light), and again whenever the toggle flips it.
 * Changing a source's media makes the browser choose again; lazy images that
 * are not yet needed fetch nothing.
 *
 * The hero's animation is deferred: its sources start as the poster (the
 * largest paint is then a small still) and switch to the animation once the
 * page has loaded and painted (afterFirstPaint.ts) and the animation has
 * arrived (deferredAnimation.ts).
 */
import { afterFirstPaint } from './afterFirstPaint';
import { startDeferredAnimations } from './deferredAnimation';

export function followTheme(root: Document): void {
  const apply = (): void => {
    const dark = root.documentElement.dataset.theme === 'dark';
    for (const s of root.querySelectorAll<HTMLSourceElement>('source[data-layout-media]')) {
      const media = dark ? s.dataset.layoutMedia! : 'not all';
      if (s.media !== media) s.media = media;
    }
  };
  apply();
  new MutationObserver(apply).observe(root.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  afterFirstPaint(root, () => startDeferredAnimations(root));
}
