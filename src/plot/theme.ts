/**
 * The look shared by every figure. Sizes are CSS pixels, chosen for figures
 * shown about 700 CSS px wide in the article: tick labels 16 px, axis labels
 * 18 px, titles 20 px, so a 750 px figure shown at 700 px still has ≥ 14 px
 * text. Computer Modern (MathJax's TeX fonts) is light, hence the sizes.
 */
export interface Theme {
  background: string;
  /** Axis frame, ticks and text. */
  foreground: string;
  /** Secondary text (tick labels). */
  muted: string;
  grid: string;
  gridWidth: number;
  frameWidth: number;
  fontSize: { tick: number; label: number; title: number; legend: number; annotation: number };
  tickLength: number;
  minorTickLength: number;
  /** Gap between text and what it labels. */
  pad: number;
  lineWidth: number;
  /** Categorical palette: ≥ 7 colours distinguishable and readable on white. */
  palette: readonly string[];
  markerRadius: number;
  legendBackground: string;
  legendBorder: string;
}

/**
 * Palette: Tableau 10 (as in d3-scale-chromatic's schemeTableau10, whose order
 * is tuned for distinctness), reordered so the first two are the blue/red pair
 * figures use for "actual" vs "linearised".
 */
export const defaultTheme: Theme = {
  background: '#ffffff',
  foreground: '#222222',
  muted: '#333333',
  grid: '#dddddd',
  gridWidth: 1,
  frameWidth: 1.25,
  fontSize: { tick: 16, label: 18, title: 20, legend: 16, annotation: 16 },
  tickLength: 6,
  minorTickLength: 3.5,
  pad: 6,
  lineWidth: 2.5,
  palette: ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'],
  markerRadius: 4.5,
  legendBackground: 'rgba(255,255,255,0.88)',
  legendBorder: '#cccccc',
};
