/**
 * Axis scales and their ticks, from d3-scale. Linear axes take d3's "nice"
 * ticks and labels; log axes label the powers of ten as $10^{k}$ and add the
 * 2…9 multiples as unlabelled minor ticks. Labels are TeX strings for typeset().
 */
import { scaleLinear, scaleLog } from 'd3-scale';

export type AxisType = 'linear' | 'log';

export interface Tick {
  value: number;
  /** Pixel position along the axis. */
  pos: number;
  /** TeX label ('' for minor ticks). */
  label: string;
  major: boolean;
}

export interface AxisScale {
  type: AxisType;
  domain: [number, number];
  range: [number, number];
  /** Data → pixel. */
  map(v: number): number;
  ticks: Tick[];
}

export interface AxisScaleOptions {
  type?: AxisType;
  domain: [number, number];
  range: [number, number];
  /** Approximate number of major ticks (linear). */
  tickCount?: number;
  /** Explicit major tick values. */
  ticks?: number[];
  /** Custom label for a tick value (return TeX-in-text, e.g. '$0.5$'). */
  tickFormat?: (v: number) => string;
}

const superscript = (k: number) => `$10^{${k}}$`;

export function createAxisScale(o: AxisScaleOptions): AxisScale {
  const type = o.type ?? 'linear';
  const [d0, d1] = o.domain;
  if (!(Number.isFinite(d0) && Number.isFinite(d1)) || d0 === d1) throw new Error(`axis: bad domain [${d0}, ${d1}]`);
  if (type === 'log' && (d0 <= 0 || d1 <= 0)) throw new Error(`axis: log domain must be positive, got [${d0}, ${d1}]`);
  const s = type === 'log' ? scaleLog().domain(o.domain).range(o.range) : scaleLinear().domain(o.domain).range(o.range);
  const lo = Math.min(d0, d1), hi = Math.max(d0, d1);
  const inside = (v: number) => v >= lo - 1e-12 * Math.abs(hi - lo) && v <= hi + 1e-12 * Math.abs(hi - lo);
  const ticks: Tick[] = [];
  const count = o.tickCount ?? 6;
  if (o.ticks) {
    const f = o.tickFormat ?? s.tickFormat(o.ticks.length, 'f');
    for (const v of o.ticks) if (inside(v)) ticks.push({ value: v, pos: s(v), label: o.tickFormat ? f(v) : `$${f(v)}$`, major: true });
  } else if (type === 'log') {
    const k0 = Math.ceil(Math.log10(lo) - 1e-9), k1 = Math.floor(Math.log10(hi) + 1e-9);
    if (k1 >= k0) {
      // Label every power of ten, or every 2nd/3rd… when there are many decades.
      const step = Math.max(1, Math.ceil((k1 - k0 + 1) / 8));
      for (let k = Math.floor(Math.log10(lo)); k <= k1; k++) {
        const p = 10 ** k;
        if (inside(p)) {
          const major = (k - k0) % step === 0;
          ticks.push({ value: p, pos: s(p), label: major ? (o.tickFormat ? o.tickFormat(p) : superscript(k)) : '', major });
        }
        if (k1 - k0 < 6) {
          for (let m = 2; m <= 9; m++) {
            const v = m * p;
            if (inside(v)) ticks.push({ value: v, pos: s(v), label: '', major: false });
          }
        }
      }
    } else {
      // Less than a decade: fall back to d3's ticks, all labelled.
      const lin = scaleLinear().domain(o.domain);
      const f = lin.tickFormat(count, 'f');
      for (const v of lin.ticks(count)) if (inside(v)) ticks.push({ value: v, pos: s(v), label: o.tickFormat ? o.tickFormat(v) : `$${f(v)}$`, major: true });
    }
  } else {
    const lin = s as ReturnType<typeof scaleLinear<number, number>>;
    // 'f' (no digit grouping): TeX would typeset "1,000" with a thin space after the comma.
    const f = lin.tickFormat(count, 'f');
    for (const v of lin.ticks(count)) ticks.push({ value: v, pos: s(v), label: o.tickFormat ? o.tickFormat(v) : `$${f(v)}$`, major: true });
  }
  ticks.sort((a, b) => a.value - b.value);
  return { type, domain: o.domain, range: o.range, map: (v) => s(v), ticks };
}
