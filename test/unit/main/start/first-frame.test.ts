import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../main/core/redact.ts';
import { firstFramePath, loadFirstFrame } from '../../../../main/start/first-frame.ts';

/** A renderer folder whose first-frame module has this source (none when `source` is undefined). */
async function rendererDirWith(source: string | undefined): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'garage-first-frame-'));
  const rendererDir = join(out, 'renderer');
  await mkdir(rendererDir);
  if (source !== undefined) {
    await mkdir(join(out, 'first-frame'));
    await writeFile(firstFramePath(rendererDir), source);
  }
  return rendererDir;
}

function logLines() {
  const lines: string[] = [];
  return { lines, log: createLogger((line) => lines.push(line)) };
}

const boot = { info: { language: 'fr' } } as const;

describe('first frame: the sign-in screen main draws with the page', () => {
  it('is the renderer build\'s own render, beside the renderer folder', async () => {
    const dir = await rendererDirWith('exports.renderFirstFrame = (boot) => `<p>${boot.info.language}</p>`;');
    const { lines, log } = logLines();
    expect(loadFirstFrame(dir, log)(boot as never)).toBe('<p>fr</p>');
    expect(lines).toEqual([]);
  });

  it('serves the page without it, and says so, when the build left none', async () => {
    const { lines, log } = logLines();
    const draw = loadFirstFrame(await rendererDirWith(undefined), log);
    expect(draw(boot as never)).toBeUndefined();
    expect(lines.join('\n')).toContain('first-frame.unavailable');
  });

  it('refuses a module without the render function', async () => {
    const { lines, log } = logLines();
    const draw = loadFirstFrame(await rendererDirWith('exports.renderFirstFrame = "<p>not a function</p>";'), log);
    expect(draw(boot as never)).toBeUndefined();
    expect(lines.join('\n')).toContain('first-frame.unusable');
  });

  it('serves the page without it when the render throws or returns something else, logging once', async () => {
    const { lines, log } = logLines();
    const draw = loadFirstFrame(await rendererDirWith('exports.renderFirstFrame = (boot) => { if (boot.info.language === "en") return 42; throw new Error("document is not defined"); };'), log);
    expect(draw(boot as never)).toBeUndefined();
    expect(draw(boot as never)).toBeUndefined();
    expect(draw({ info: { language: 'en' } } as never)).toBeUndefined();
    expect(lines.filter((line) => line.includes('first-frame.render_failed'))).toHaveLength(1);
  });
});
