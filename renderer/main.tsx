import { StrictMode, useEffect, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { readBoot } from './boot.ts';
import { loadCatalog } from './i18n/messages.ts';
import './styles.css';

const boot = readBoot();
/**
 * A page without main's answers (the Vite dev server) guesses: main's default is the OS locale, which is
 * also the browser's, so that catalog starts loading with the page. The language main reports still decides.
 */
if (!boot.info) void loadCatalog(navigator.language.toLowerCase().startsWith('en') ? 'en' : 'fr').catch(() => undefined);

/** Marks the root once React answers clicks and keys (`data-live`): the e2e tests and the bench wait for it. */
function Live({ rootId, children }: { rootId: string; children: ReactNode }) {
  useEffect(() => {
    document.getElementById(rootId)?.setAttribute('data-live', 'true');
  }, [rootId]);
  return children;
}

const element = document.getElementById('root');
if (element) {
  const app = (
    <Live rootId={element.id}>
      <StrictMode>
        <App boot={boot} />
      </StrictMode>
    </Live>
  );
  if (element.firstElementChild) {
    // Main drew the sign-in screen with the page (renderer/first-frame.tsx): React takes over the same
    // elements, so what the technician typed meanwhile, and the focus, stay where they are.
    hydrateRoot(element, app);
  } else {
    // The first screen is drawn while this script runs, not in a task scheduled after it: with main's answers
    // in the page, nothing is awaited before sign-in can be drawn.
    const root = createRoot(element);
    flushSync(() => root.render(app));
  }
}
