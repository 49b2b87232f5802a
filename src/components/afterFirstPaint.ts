/**
 * Runs `fn` once the page has loaded, painted its first content, and the
 * main thread is idle: for downloads no reader is waiting on (the hero's
 * animation, 250 KB on a phone). Started at `load`, such a download began
 * before the first paint when parsing and layout ran long (on a slow phone
 * they do), and then competed with what that paint needed; Lighthouse
 * likewise counts every request begun before the largest paint as part of it.
 */
export function afterFirstPaint(doc: Document, fn: () => void): void {
  const loaded = new Promise<void>((resolve) => {
    if (doc.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  });
  const painted = new Promise<void>((resolve) => {
    // Without paint timing (old browsers), load is as good as it gets.
    if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return resolve();
    const seen = (): boolean => performance.getEntriesByName('first-contentful-paint').length > 0;
    if (seen()) return resolve();
    const observer = new PerformanceObserver(() => {
      if (!seen()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'paint', buffered: true });
  });
  const idle = (): void => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => fn(), { timeout: 2000 });
    else setTimeout(fn, 200);
  };
  void Promise.all([loaded, painted]).then(idle);
}
