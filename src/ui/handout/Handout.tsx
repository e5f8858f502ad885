/** The patient handout (issue 8): the plan in plain words, printed from the browser (handout.css). Filled in next. */
export type { HandoutItem, HandoutProps, HandoutRisk } from './handoutTypes.ts';
