import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium (never a downloaded browser), headless. The flags keep it off the network beyond what the page
 * itself asks for: this machine has no internet, and Chromium's background services would otherwise keep trying.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Waits until the facts panel says every chart source has finished ("Chart loaded", possibly "… with N missing"). */
export async function waitForChartLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => /^Chart loaded/.test(document.querySelector('[data-testid="chart-load-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
}
