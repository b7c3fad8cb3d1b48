/**
 * Preload of the OS WebAuthn window: two functions, nothing else. The page asks what to do and says how
 * it went; it gets no access to the app's channels, and main checks every answer (main/yubikey/os-webauthn.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { OS_WEBAUTHN_FINISH, OS_WEBAUTHN_REQUEST } from './os-webauthn-channels.ts';

contextBridge.exposeInMainWorld(
  'garageOsWebauthn',
  Object.freeze({
    request: () => ipcRenderer.invoke(OS_WEBAUTHN_REQUEST),
    finish: (answer: unknown) => ipcRenderer.send(OS_WEBAUTHN_FINISH, answer),
  }),
);
