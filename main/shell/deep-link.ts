/**
 * Deep-link plumbing: registers `witech-login://` with the OS and hands every link (first launch,
 * second instance, macOS open-url) to one callback. Parsing and what a link does live in plain Node.
 */
import type { App } from 'electron';
import { APP_LINK_SCHEME, linkFromArgv } from '../launch/deep-link-argv.ts';

export function handleDeepLinks(app: App, onLink: (link: string) => void, onSecondInstance: () => void): void {
  if (process.defaultApp && process.argv[1]) {
    // Development (electron .): the OS must start Electron with the app's folder.
    app.setAsDefaultProtocolClient(APP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(APP_LINK_SCHEME);
  }
  app.on('second-instance', (_event, argv) => {
    onSecondInstance();
    const link = linkFromArgv(argv);
    if (link) onLink(link);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onLink(url);
  });
  const first = linkFromArgv(process.argv);
  if (first) onLink(first);
}
