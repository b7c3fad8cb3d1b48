/** Electron's implementations of the ports plain-Node services expect (convention 2). */
import { net } from 'electron';
import type { FetchLike } from '../auth/authn-http.ts';

/** net.fetch goes through Chromium's network stack: system proxy settings and OS certificate store apply. */
export const electronFetch: FetchLike = (input, init) => net.fetch(input, { ...init, bypassCustomProtocolHandlers: true });
