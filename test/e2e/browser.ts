import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

export { launchChromium, waitForChartLoaded } from '../../scripts/chromium.ts';

export interface RecordedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page and its frames made, in order. */
  requests: Request[];
  /** Console errors, uncaught page errors (CSP violations among them) and failed HTTP responses. */
  errors: string[];
}

/** A fresh profile (empty sessionStorage) sized like a narrow EHR frame, recording what it does. */
export async function openRecordedPage(browser: Browser): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  context.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return { context, page, requests, errors };
}
