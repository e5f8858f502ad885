/**
 * Performance marks the bench reads (scripts/bench): each is set once per page, the first time it happens, so a
 * re-render or a second patient does not move it.
 */
export type PageMark = 'tailor:first-risk' | 'tailor:risk-view-ready' | 'tailor:suggestions-shown';

const marked = new Set<PageMark>();

export function markOnce(name: PageMark): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}
