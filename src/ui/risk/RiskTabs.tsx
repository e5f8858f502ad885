import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface RiskTab {
  id: string;
  label: string;
  /** The panel's content; rendered when its tab is selected, and kept once left (a what-if keeps its sliders). */
  render: () => ReactNode;
}

/**
 * The WAI-ARIA APG tabs pattern with automatic activation: one tab stop for the tab list, Left/Right (wrapping),
 * Home and End move and select, Tab goes into the visible panel. A panel is mounted on first selection, so its code
 * (loaded lazily by `render`) is fetched only when a physician asks for it, and hidden panels stay out of the
 * accessibility tree.
 */
export function RiskTabs({ label, tabs, defaultTab }: { label: string; tabs: readonly RiskTab[]; defaultTab: string }) {
  const baseId = useId();
  // The default follows the view (it may change while the chart loads) until the physician picks a tab.
  const [chosen, setChosen] = useState<string>();
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const wanted = chosen ?? defaultTab;
  const active = tabs.some((t) => t.id === wanted) ? wanted : (tabs[0]?.id ?? '');

  const select = (id: string, focus: boolean) => {
    setChosen(id);
    // The panel left keeps its state (a what-if keeps its sliders) when the physician comes back to it.
    setVisited((v) => (v.has(active) ? v : new Set([...v, active])));
    if (focus) tabRefs.current.get(id)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.findIndex((t) => t.id === active);
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (next) select(next.id, true);
  };

  return (
    <div className="risk-tabs">
      <div role="tablist" aria-label={label} className="risk-tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabRefs.current.set(t.id, el);
              else tabRefs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.id}`}
            aria-controls={`${baseId}-panel-${t.id}`}
            aria-selected={t.id === active}
            tabIndex={t.id === active ? 0 : -1}
            data-testid={`risk-tab-${t.id}`}
            onClick={() => select(t.id, false)}
            onKeyDown={onKeyDown}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${baseId}-panel-${t.id}`}
          aria-labelledby={`${baseId}-tab-${t.id}`}
          hidden={t.id !== active}
          tabIndex={0}
          className="risk-tabpanel"
        >
          {t.id === active || visited.has(t.id) ? t.render() : null}
        </div>
      ))}
    </div>
  );
}
