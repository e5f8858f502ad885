import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useSession } from './store/session.ts';
import { riskStore } from './store/risk.ts';
import { App } from './ui/App.tsx';
import './ui/page.css';

// Before React's first render, not in effects after it: the SMART hand-over (token, metadata, chart searches) and the
// risk worker (TF.js and the models take longer to start than the first chart pages take to arrive). The App's
// start() and the risk view's connect() then find them running.
void useSession.getState().start();
riskStore.getState().prepare();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
