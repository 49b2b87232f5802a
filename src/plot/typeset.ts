/**
 * Text and math typesetting for figures, by MathJax (mathjax-full, TeX input →
 * SVG output with `fontCache: 'none'`, so every glyph is an inline outline).
 *
 * Why MathJax for ALL figure text (tick labels too): its glyph outlines ship in
 * the npm package, so no system font is ever consulted and the same input draws
 * the same pixels on any machine with the same lockfile. Plain text is set with
 * `\text{…}` in the TeX fonts, which also matches the math.
 *
 * A string mixes plain text and `$…$` math: 'Width $= 100$', '$\alpha = 48.25$'.
 * The result is one flattened outline (SVG path data, absolute commands, in
 * units of 1/1000 em, y pointing down, baseline at y = 0), cached per string.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';

/** A typeset string: outline plus metrics, all in units of 1/1000 em. */
export interface TypesetText {
  /** The source string, as given. */
  source: string;
  /** SVG path data of all glyphs; y down, baseline at 0, left edge at 0. */
  d: string;
  /** Advance width. */
  width: number;
  /** Height above the baseline (positive). */
  ascent: number;
  /** Depth below the baseline (positive). */
  descent: number;
}

/** Units per em in MathJax's SVG output. */
export const EM_UNITS = 1000;

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const packages = AllPackages.filter((p) => !['bussproofs', 'require', 'autoload'].includes(p));
const doc = mathjax.document('', {
  InputJax: new TeX({ packages }),
  OutputJax: new SVG({ fontCache: 'none' }),
});

const cache = new Map<string, TypesetText>();

/** Typeset `source` (plain text with `$…$` math). Cached per string. */
export function typeset(source: string): TypesetText {
  let t = cache.get(source);
  if (!t) {
    t = typesetUncached(source);
    cache.set(source, t);
  }
  return t;
}

/** Escape plain text for use inside `\text{…}`. */
function escapeText(s: string): string {
  return s.replace(/[\\{}$&#%_^~]/g, (c) => {
    switch (c) {
      case '\\': return '\\textbackslash ';
      case '~': return '\\textasciitilde ';
      case '^': return '\\textasciicircum ';
      default: return '\\' + c;
    }
  });
}

/** Turn 'text $math$ text' into one TeX expression. `\$` is a literal dollar. */
export function toTex(source: string): string {
  const parts: string[] = [];
  let inMath = false;
  let buf = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && source[i + 1] === '$') {
      buf += inMath ? '\\$' : '$';
      i++;
    } else if (c === '$') {
      parts.push(inMath ? `{${buf}}` : buf ? `\\text{${escapeText(buf)}}` : '');
      buf = '';
      inMath = !inMath;
    } else {
      buf += c;
    }
  }
  if (inMath) throw new Error(`typeset: unbalanced $ in ${JSON.stringify(source)}`);
  if (buf) parts.push(`\\text{${escapeText(buf)}}`);
  // d3-format writes U+2212 for minus signs; TeX's '-' in math is the true minus.
  return parts.join('').replace(/\u2212/g, '-');
}

/** Affine map without rotation: x' = sx x + tx, y' = sy y + ty. */
interface Affine { sx: number; sy: number; tx: number; ty: number }

function compose(a: Affine, b: Affine): Affine {
  // a ∘ b: apply b first, then a.
  return { sx: a.sx * b.sx, sy: a.sy * b.sy, tx: a.sx * b.tx + a.tx, ty: a.sy * b.ty + a.ty };
}

function parseTransform(attr: string | undefined): Affine {
  let m: Affine = { sx: 1, sy: 1, tx: 0, ty: 0 };
  if (!attr) return m;
  const re = /(translate|scale|matrix)\(([^)]*)\)/g;
  let r: RegExpExecArray | null;
  while ((r = re.exec(attr))) {
    const v = r[2].split(/[\s,]+/).filter(Boolean).map(Number);
    let t: Affine;
    if (r[1] === 'translate') t = { sx: 1, sy: 1, tx: v[0] ?? 0, ty: v[1] ?? 0 };
    else if (r[1] === 'scale') t = { sx: v[0], sy: v[1] ?? v[0], tx: 0, ty: 0 };
    else {
      if (Math.abs(v[1]) > 1e-12 || Math.abs(v[2]) > 1e-12) throw new Error('typeset: rotated glyphs are not supported');
      t = { sx: v[0], sy: v[3], tx: v[4], ty: v[5] };
    }
    m = compose(m, t);
  }
  return m;
}

const fmt = (v: number) => String(Math.round(v * 100) / 100);

/** Re-emit SVG path data under an affine map, converting everything to absolute M/L/Q/C/Z. */
function transformPath(d: string, m: Affine, out: string[]): void {
  const tokens = d.match(/[MmLlHhVvQqTtCcSsZz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = '';
  let x = 0, y = 0, sx0 = 0, sy0 = 0;
  let qx = 0, qy = 0; // last quadratic control point (for T)
  let cx = 0, cy = 0; // last cubic control point (for S)
  let prev = '';
  const num = () => Number(tokens[i++]);
  const X = (v: number) => fmt(m.sx * v + m.tx);
  const Y = (v: number) => fmt(m.sy * v + m.ty);
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) cmd = tokens[i++];
    const rel = cmd === cmd.toLowerCase();
    const C = cmd.toUpperCase();
    const ox = rel ? x : 0, oy = rel ? y : 0;
    switch (C) {
      case 'M': {
        x = ox + num(); y = oy + num(); sx0 = x; sy0 = y;
        out.push(`M${X(x)} ${Y(y)}`);
        cmd = rel ? 'l' : 'L'; // implicit lineto after moveto
        break;
      }
      case 'L': x = ox + num(); y = oy + num(); out.push(`L${X(x)} ${Y(y)}`); break;
      case 'H': x = ox + num(); out.push(`L${X(x)} ${Y(y)}`); break;
      case 'V': y = oy + num(); out.push(`L${X(x)} ${Y(y)}`); break;
      case 'Q': {
        qx = ox + num(); qy = oy + num(); x = ox + num(); y = oy + num();
        out.push(`Q${X(qx)} ${Y(qy)} ${X(x)} ${Y(y)}`);
        break;
      }
      case 'T': {
        if (prev === 'Q' || prev === 'T') { qx = 2 * x - qx; qy = 2 * y - qy; } else { qx = x; qy = y; }
        x = ox + num(); y = oy + num();
        out.push(`Q${X(qx)} ${Y(qy)} ${X(x)} ${Y(y)}`);
        break;
      }
      case 'C': {
        const x1 = ox + num(), y1 = oy + num();
        cx = ox + num(); cy = oy + num(); x = ox + num(); y = oy + num();
        out.push(`C${X(x1)} ${Y(y1)} ${X(cx)} ${Y(cy)} ${X(x)} ${Y(y)}`);
        break;
      }
      case 'S': {
        const x1 = prev === 'C' || prev === 'S' ? 2 * x - cx : x;
        const y1 = prev === 'C' || prev === 'S' ? 2 * y - cy : y;
        cx = ox + num(); cy = oy + num(); x = ox + num(); y = oy + num();
        out.push(`C${X(x1)} ${Y(y1)} ${X(cx)} ${Y(cy)} ${X(x)} ${Y(y)}`);
        break;
      }
      case 'Z': x = sx0; y = sy0; out.push('Z'); break;
      default: throw new Error(`typeset: unsupported path command ${cmd}`);
    }
    prev = C;
  }
}

function walk(node: LiteElement, m: Affine, out: string[], source: string): void {
  const kind = adaptor.kind(node);
  if (kind === '#text' || kind === '#comment') return;
  const attr = (n: string) => adaptor.getAttribute(node, n) as string | undefined;
  let local = compose(m, parseTransform(attr('transform')));
  switch (kind) {
    case 'path': {
      const d = attr('d');
      if (d) transformPath(d, local, out);
      return;
    }
    case 'rect': {
      const x = Number(attr('x') ?? 0), y = Number(attr('y') ?? 0);
      const w = Number(attr('width') ?? 0), h = Number(attr('height') ?? 0);
      transformPath(`M${x} ${y}H${x + w}V${y + h}H${x}Z`, local, out);
      return;
    }
    case 'svg': {
      // Nested <svg> (mpadded, etc.): its x/y position it; its viewBox only clips.
      local = compose(local, { sx: 1, sy: 1, tx: Number(attr('x') ?? 0), ty: Number(attr('y') ?? 0) });
      break;
    }
    case 'text':
    case 'use':
    case 'image':
    case 'foreignObject':
      throw new Error(`typeset: ${JSON.stringify(source)} needs a <${kind}> (a character outside MathJax's fonts?)`);
    case 'line': {
      const x1 = Number(attr('x1') ?? 0), y1 = Number(attr('y1') ?? 0);
      const x2 = Number(attr('x2') ?? 0), y2 = Number(attr('y2') ?? 0);
      const sw = Number(attr('stroke-width') ?? 60) / 2;
      // A stroked segment as a thin quadrilateral (used by \cancel and friends).
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const nx = (-(y2 - y1) / len) * sw, ny = ((x2 - x1) / len) * sw;
      transformPath(`M${x1 + nx} ${y1 + ny}L${x2 + nx} ${y2 + ny}L${x2 - nx} ${y2 - ny}L${x1 - nx} ${y1 - ny}Z`, local, out);
      return;
    }
    default:
      break;
  }
  for (const child of adaptor.childNodes(node) as LiteElement[]) walk(child, local, out, source);
}

function typesetUncached(source: string): TypesetText {
  const tex = toTex(source);
  if (tex === '') return { source, d: '', width: 0, ascent: 0, descent: 0 };
  const container = doc.convert(tex, { display: false }) as LiteElement;
  const svg = adaptor.firstChild(container) as LiteElement;
  const errors = adaptor.outerHTML(svg).match(/data-mjx-error="([^"]*)"/);
  if (errors) throw new Error(`typeset: TeX error in ${JSON.stringify(source)}: ${errors[1]}`);
  const vb = String(adaptor.getAttribute(svg, 'viewBox')).split(/\s+/).map(Number);
  const [minX, minY, w, h] = vb;
  const out: string[] = [];
  for (const child of adaptor.childNodes(svg) as LiteElement[]) walk(child, { sx: 1, sy: 1, tx: -minX, ty: 0 }, out, source);
  return { source, d: out.join(''), width: w, ascent: -minY, descent: h + minY };
}
