/**
 * The sign-in screen as HTML, drawn by main with the page (main/start/first-frame.ts) so the technician can
 * type before the start-up script has even been compiled: the same `App`, from the same first answers
 * (renderer/boot.ts), that the page then hydrates. Built for Node by the renderer build (vite.config.ts,
 * mode `first-frame`) into out/first-frame/.
 *
 * Only the sign-in screen is drawn ahead: every other screen's code is loaded on demand, so its frame would
 * be a loading placeholder, no faster than the page's own first render.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { TransactionView } from '../preload/contract.ts';
import { App } from './App.tsx';
import type { Boot } from './boot.ts';
import { routeFor } from './route.ts';

const NONE: TransactionView = { status: 'NONE', canGoBack: false, canSkip: false };

/** The markup of `#root` for this boot, or undefined when the page must draw its first screen itself. */
export function renderFirstFrame(boot: Boot): string | undefined {
  if (!boot.info || boot.info.policyError || routeFor(boot.view ?? NONE, { kind: 'none' }) !== 'signIn') return undefined;
  return renderToString(
    <StrictMode>
      <App boot={boot} />
    </StrictMode>,
  );
}
