/**
 * Chart sizing for recharts. In the app a chart fills its container's width (recharts' `responsive`, which follows
 * CSS sizing); a fixed `width` is for tests, since jsdom has no layout and a responsive chart measures 0 px there.
 */
export function chartSize(width: number | undefined, height: number): { width: number | '100%'; height: number; responsive: boolean } {
  return width === undefined ? { width: '100%', height, responsive: true } : { width, height, responsive: false };
}

/**
 * Chart colours: contrast ≥ 4.5:1 on white (WCAG 1.4.11 asks 3:1 for graphics). Colour is never the only signal: bars
 * also sit left or right of zero and carry a signed label, and every chart has a table.
 */
export const CHART_COLOURS = {
  line: '#0b57d0',
  grid: '#e3e6ea',
  raises: '#b3261e',
  lowers: '#1b6e3a',
  axis: '#444',
} as const;
