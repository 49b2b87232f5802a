// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import figures from './src/integration.ts';
import remarkFigures from './src/markdown/remark-figures.ts';
import remarkFigureMade from './src/markdown/remark-figure-made.ts';
import { rehypeMathPunctuation } from './src/markdown/mathPunctuation.ts';
import { isMadePage } from './src/markdown/figuresMade.ts';
import katexFontDisplay from './src/site/katexFontDisplay.ts';

// SITE_URL and BASE_PATH let the same tree build for a user site ("/") or a
// GitHub Pages project site ("/<repo>/"); the deploy workflow sets both.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  base: process.env.BASE_PATH ?? '/',
  outDir: process.env.OUT_DIR ?? './dist',
  // optimize: MDX compiles static HTML (the ~20k elements KaTeX emits) to strings instead of
  // JSX calls; same DOM, and the Vite server build takes 2–3 s less (measured warm 12.4 → 9.9 s).
  integrations: [figures(), mdx({ optimize: true }), sitemap({ filter: (page) => !isMadePage(page) })],
  vite: { plugins: [katexFontDisplay()] },
  markdown: {
    // remarkFigureMade reads the numbers and anchors remarkFigures injects.
    remarkPlugins: [remarkMath, remarkFigures, remarkFigureMade],
    // After KaTeX: glue punctuation to the inline math it follows.
    rehypePlugins: [rehypeKatex, rehypeMathPunctuation],
  },
});
