/**
 * The look shared by every figure, in two colour schemes (light, dark) and
 * with font sizes chosen per layout, so that text stays ≥ 11 CSS px as
 * displayed: a rendition is drawn at the CSS width it is shown at, so the
 * drawn size is (nearly) the displayed size. Computer Modern (MathJax's TeX
 * fonts) is light, hence sizes a little above the 11 px floor.
 *
 * Colours are checked by tests/plot/theme.test.ts: text ≥ 4.5:1 and marks
 * (palette, reference lines) ≥ 3:1 against the background, in both schemes;
 * the missing-cell grey sits between the background and the text.
 */
export type ColorScheme = 'light' | 'dark';

export interface FontSizes {
  tick: number;
  label: number;
  title: number;
  legend: number;
  annotation: number;
}

export interface Theme {
  scheme: ColorScheme;
  background: string;
  /** Axis frame, ticks and text; also the colour of "the data" markers. */
  foreground: string;
  /** Secondary text (tick labels). */
  muted: string;
  /** Dashed reference lines (limits, markers of a special value). */
  reference: string;
  /** Emphasis for the training targets drawn over many curves. */
  highlight: string;
  grid: string;
  gridWidth: number;
  frameWidth: number;
  fontSize: FontSizes;
  tickLength: number;
  minorTickLength: number;
  /** Gap between text and what it labels. */
  pad: number;
  lineWidth: number;
  /** Categorical palette: ≥ 7 colours distinguishable and ≥ 3:1 against the background. */
  palette: readonly string[];
  markerRadius: number;
  legendBackground: string;
  legendBorder: string;
  /** Halo behind text drawn over marks. */
  halo: string;
  /**
   * Heatmap cells without a value (NaN: a training run that diverged, say). A
   * grey near the background, so an empty cell reads as "nothing here" and not
   * as a value of the colormap; a light grey on the dark page would glare.
   */
  missing: string;
}

/** Site backgrounds (src/styles/global.css --bg): a dark figure must sit flush on the dark page. */
export const SITE_BACKGROUND: Record<ColorScheme, string> = { light: '#fdfdfc', dark: '#15171a' };

/** Sizes for a full-column desktop figure (about 720 CSS px wide). */
export const DESKTOP_FONTS: FontSizes = { tick: 16, label: 18, title: 20, legend: 16, annotation: 16 };
/** Sizes for narrow renditions (phones, and third-of-a-row slots): fewer, still legible characters. */
export const NARROW_FONTS: FontSizes = { tick: 13, label: 14, title: 15, legend: 12.5, annotation: 12.5 };
/** Half-row slots (~420 px). */
export const HALF_FONTS: FontSizes = { tick: 14, label: 15, title: 16, legend: 13.5, annotation: 13.5 };

const shared = {
  gridWidth: 1,
  frameWidth: 1.25,
  fontSize: DESKTOP_FONTS,
  tickLength: 6,
  minorTickLength: 3.5,
  pad: 6,
  lineWidth: 2.5,
  markerRadius: 4.5,
};

/**
 * Light palette: Tableau 10 (d3-scale-chromatic's schemeTableau10, whose order
 * is tuned for distinctness), reordered so the first two are the blue/red pair
 * figures use for "actual" vs "linearised", with the five light members
 * (orange, yellow, teal, pink, grey) darkened to reach 3:1 on white.
 */
export const lightTheme: Theme = {
  ...shared,
  scheme: 'light',
  background: SITE_BACKGROUND.light,
  foreground: '#222222',
  muted: '#333333',
  reference: '#6b6b6b',
  highlight: '#d62728',
  grid: '#dddddd',
  palette: ['#4e79a7', '#e15759', '#59a14f', '#d47c25', '#b07aa1', '#3f8f89', '#a88a12', '#e0607a', '#9c755f', '#857a74'],
  legendBackground: 'rgba(255,255,255,0.88)',
  legendBorder: '#cccccc',
  halo: 'rgba(255,255,255,0.85)',
  missing: '#dcdcdc',
};

/**
 * Dark palette: the same hues in the same order, lightened so each mark has
 * ≥ 3:1 against the site's dark background while the blue/red pair stays a
 * blue/red pair.
 */
export const darkTheme: Theme = {
  ...shared,
  scheme: 'dark',
  background: SITE_BACKGROUND.dark,
  foreground: '#e3e5e8',
  muted: '#cdd1d6',
  reference: '#9aa1a9',
  highlight: '#ff6b6b',
  grid: '#30353b',
  palette: ['#79a6dc', '#ff7b7d', '#7cc86f', '#f5a24f', '#cf9fd0', '#76c7c0', '#edc948', '#ff9da7', '#c49a80', '#bab0ac'],
  legendBackground: 'rgba(21,23,26,0.88)',
  legendBorder: '#454b52',
  halo: 'rgba(21,23,26,0.85)',
  missing: '#3a3f45',
};

/** Kept for scripts and tests that draw a single light figure. */
export const defaultTheme: Theme = lightTheme;

export function themeFor(scheme: ColorScheme, fonts: FontSizes = DESKTOP_FONTS): Theme {
  return { ...(scheme === 'dark' ? darkTheme : lightTheme), fontSize: fonts };
}
