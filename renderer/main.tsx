import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startDeskSync } from './app/desk-sync';
import './app/global.css';
import './app/i18n';
import { startReadinessMarkers } from './app/readiness';
import { bridge } from './bridge';

startReadinessMarkers();
startDeskSync(bridge());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
