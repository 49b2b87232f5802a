/**
 * "How this figure was made" fetches its body when the reader opens it: the
 * body is the `.figure-made-content` of the disclosure's own page, whose
 * address is the link the closed disclosure holds (FigureMade.astro). Its
 * KaTeX notes, module links and parameters would otherwise be parsed by every
 * reader of the post (issue 8). Opening a disclosure, or following a link to
 * one, fills it in; if the fetch fails, the link to the page stays.
 *
 * `data-made` on the <details> says where it is: `loading`, `loaded`, `failed`.
 */
const CONTENT = '.figure-made-content';

/** Links back into this post (`<post>/#anchor` on the page) become in-page `#anchor` links. */
function localiseLinks(root: ParentNode, doc: Document): void {
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href*="#"]')) {
    const url = new URL(a.getAttribute('href')!, doc.baseURI);
    if (url.origin === location.origin && url.pathname === location.pathname) a.setAttribute('href', url.hash);
  }
}

async function fill(details: HTMLDetailsElement, doc: Document): Promise<void> {
  if (details.dataset.made) return;
  const link = details.querySelector<HTMLAnchorElement>('.figure-made-link a');
  if (!link) return;
  details.dataset.made = 'loading';
  details.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(link.href);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const page = new DOMParser().parseFromString(await res.text(), 'text/html');
    const content = page.querySelector(CONTENT);
    if (!content) throw new Error(`no ${CONTENT}`);
    const body = doc.createDocumentFragment();
    body.append(...[...content.childNodes].map((n) => doc.importNode(n, true)));
    localiseLinks(body, doc);
    link.closest('.figure-made-link')!.replaceWith(body);
    details.dataset.made = 'loaded';
  } catch (err) {
    details.dataset.made = 'failed';
    console.warn(`How this figure was made: ${link.href}: ${(err as Error).message}`);
  } finally {
    details.removeAttribute('aria-busy');
  }
}

export function enhanceFigureMade(doc: Document): void {
  // 'toggle' does not bubble, but a capturing listener on the document sees it.
  doc.addEventListener(
    'toggle',
    (e) => {
      const d = e.target;
      if (d instanceof HTMLDetailsElement && d.open && d.matches('details.figure-made')) void fill(d, doc);
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
