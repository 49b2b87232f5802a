import type { AstroIntegration } from 'astro';

/** Placeholder until the figure pipeline lands: runs nothing. */
export default function figures(): AstroIntegration {
  return { name: 'reproducible-figures', hooks: {} };
}
