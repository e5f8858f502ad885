import type { ReactNode } from 'react';

/** A full-page message for the states in which Tailor cannot show a patient. */
export function StatusPage({ title, children, kind }: { title: string; children: ReactNode; kind: string }) {
  return (
    <main className="status-page" data-status={kind}>
      <h1>{title}</h1>
      {children}
    </main>
  );
}
