/** One search's part in a wave that loads every first page before any later one. */
export interface WaveSlot {
  /** This search's first page is in, or the search has ended without one (failed, skipped). Idempotent. */
  arrived(): void;
  /** Resolves once every search of the wave has arrived (or the wave was aborted): awaited before a later page. */
  laterPages(): Promise<void>;
}

/**
 * Orders a wave of `count` searches: each one's first page first, later pages only once every first page is in.
 * The first screen needs only first pages (newest first); later pages would compete with them for the connection
 * and the main thread. Aborting the wave releases the later pages, whose requests then end at once as aborted.
 * Each slot from `join()` stands for one search; a search that never joins keeps the later pages waiting.
 * `hold`, when given, keeps them waiting also until it resolves (the app: until the first risk is on screen).
 */
export function firstPagesFirst(count: number, signal?: AbortSignal, hold?: Promise<void>): { join(): WaveSlot } {
  let waiting = count;
  let release!: () => void;
  const allIn = new Promise<void>((resolve) => {
    release = resolve;
  });
  if (waiting <= 0) release();
  signal?.addEventListener('abort', () => release(), { once: true });
  const later = hold ? Promise.all([allIn, Promise.race([hold, aborted(signal)])]).then(() => undefined) : allIn;
  return {
    join() {
      let arrived = false;
      return {
        arrived() {
          if (arrived) return;
          arrived = true;
          waiting -= 1;
          if (waiting === 0) release();
        },
        laterPages: () => later,
      };
    },
  };
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
}
