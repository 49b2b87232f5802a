/**
 * "How this figure was made" keeps its body in a <template> until the reader
 * opens it: its KaTeX notes, module links and parameters are thousands of
 * elements a closed disclosure would otherwise add to every page load
 * (issue 8). Opening a disclosure, or following a link to one, fills it in.
 */
const LAZY = 'template.figure-made-lazy';

function fill(details: HTMLDetailsElement): void {
  for (const t of details.querySelectorAll<HTMLTemplateElement>(LAZY)) t.replaceWith(t.content.cloneNode(true));
}

export function enhanceFigureMade(doc: Document): void {
  // 'toggle' does not bubble, but a capturing listener on the document sees it.
  doc.addEventListener(
    'toggle',
    (e) => {
      const d = e.target;
      if (d instanceof HTMLDetailsElement && d.open && d.matches('details.figure-made')) fill(d);
    },
    true,
  );
  // A later output links to the first disclosure of its script: open it too.
  const openTarget = (): void => {
    const target = doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target instanceof HTMLDetailsElement && target.matches('details.figure-made')) target.open = true;
  };
  window.addEventListener('hashchange', openTarget);
  openTarget();
}
