/** Site-wide strings, in one place for the header, feed and meta tags. */
export const SITE_TITLE = 'Figures from code';
export const SITE_DESCRIPTION =
  'Technical articles whose every figure is regenerated from code at build time: the networks in the plots are really trained.';
