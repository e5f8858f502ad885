import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { loadUcum } from '../src/chart/units.ts';

// The chart layer converts units with UCUM, which the app loads beside its first searches; tests load it once here.
await loadUcum();

// React Testing Library only cleans up automatically when test globals are on; they are off here.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});

if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
