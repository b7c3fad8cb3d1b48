import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { handleDeepLinks } from '../../../../main/shell/deep-link.ts';

vi.mock('electron', () => ({ default: {} }));

function fakeApp() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const app = { setAsDefaultProtocolClient: vi.fn(() => true), on: (event: string, handler: (...args: unknown[]) => void) => handlers.set(event, handler) };
  return { app: app as unknown as App & { setAsDefaultProtocolClient: ReturnType<typeof vi.fn> }, handlers };
}

describe('deep links', () => {
  it('registers witech-login with the OS', () => {
    const { app } = fakeApp();
    handleDeepLinks(app, () => undefined, () => undefined);
    expect(app.setAsDefaultProtocolClient.mock.calls[0]?.[0]).toBe('witech-login');
  });

  it('forwards the link of a second launch and brings the window forward', () => {
    const { app, handlers } = fakeApp();
    const links: string[] = [];
    const focus = vi.fn();
    handleDeepLinks(app, (link) => links.push(link), focus);
    handlers.get('second-instance')?.({}, ['garage-signin', 'witech-login://activate?token=abcdefghij']);
    expect(focus).toHaveBeenCalledOnce();
    expect(links).toEqual(['witech-login://activate?token=abcdefghij']);
  });

  it('takes macOS open-url events and stops the default handling', () => {
    const { app, handlers } = fakeApp();
    const links: string[] = [];
    handleDeepLinks(app, (link) => links.push(link), () => undefined);
    const event = { preventDefault: vi.fn() };
    handlers.get('open-url')?.(event, 'witech-login://activate?token=abcdefghij');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(links).toEqual(['witech-login://activate?token=abcdefghij']);
  });
});
