export { FactsPanel } from './FactsPanel.tsx';
export { SourceProgress } from './SourceProgress.tsx';
export { PANEL_ROWS, type FactRow } from './factFormat.ts';
