import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

const element = document.getElementById('root');
if (element) {
  const root = createRoot(element);
  // The first screen is drawn while this script runs, not in a task scheduled after it: with main's answers
  // in the page, nothing is awaited before sign-in can be drawn.
  flushSync(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
