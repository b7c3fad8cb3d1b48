/**
 * The sign-in screen drawn by main, with the page (issue #16, "faster to first use"): the renderer's own
 * first render as HTML (renderer/first-frame.tsx, built for Node beside the renderer into out/first-frame/).
 * The page hydrates it, so the technician can type while the start-up script is still being compiled.
 *
 * Only speed depends on it: a missing or broken file, or a render that throws, serves the page as before
 * (it draws its first screen itself) and says so in the log once.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../core/redact.ts';
import type { PageBoot } from './page-boot.ts';

/** The markup for `#root`, or undefined when the page must draw its first screen itself. */
export type DrawFirstFrame = (boot: PageBoot) => string | undefined;

/** Where the renderer build puts it, beside the renderer's folder. */
export function firstFramePath(rendererDir: string): string {
  return join(rendererDir, '..', 'first-frame', 'first-frame.cjs');
}

const firstFrameModule = z.object({ renderFirstFrame: z.custom<(boot: PageBoot) => unknown>((value) => typeof value === 'function') });

export function loadFirstFrame(rendererDir: string, log: Logger): DrawFirstFrame {
  let render: ((boot: PageBoot) => unknown) | undefined;
  try {
    const parsed = firstFrameModule.safeParse(createRequire(import.meta.url)(firstFramePath(rendererDir)));
    if (parsed.success) render = parsed.data.renderFirstFrame;
    else log.warn('first-frame.unusable', { reason: 'no renderFirstFrame function' });
  } catch (error) {
    log.warn('first-frame.unavailable', { error });
  }
  let failed = false;
  return (boot) => {
    if (!render) return undefined;
    try {
      const html = render(boot);
      return typeof html === 'string' ? html : undefined;
    } catch (error) {
      if (!failed) log.warn('first-frame.render_failed', { error });
      failed = true;
      return undefined;
    }
  };
}
