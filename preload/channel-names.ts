/**
 * The contract's channel and event names, alone. The sandboxed preload needs only these, so it stays a few
 * kilobytes instead of carrying the schema library; contract.ts fails typecheck if this list and its
 * table ever differ (both directions), so there is still one source of truth per name.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'settings.setLanguage',
  'auth.state',
  'auth.signIn',
  'auth.cancel',
  'auth.securityImage',
  'auth.redeemActivation',
  'auth.activationOptions',
  'auth.createAccount',
  'auth.setPassword',
  'auth.enroll',
  'auth.activate',
  'auth.totpSetup',
  'auth.poll',
  'auth.verify',
  'auth.webauthnActivate',
  'auth.webauthnVerify',
  'auth.webauthnNative',
  'yubikey.plugged',
  'yubikey.submitPin',
  'auth.resend',
  'auth.previous',
  'auth.skip',
  'authenticator.status',
  'authenticator.enrollHere',
  'authenticator.current',
  'authenticator.verifyHere',
  'launch.describe',
  'launch.open',
  'session.switchTechnician',
  'support.loadDraft',
  'support.saveDraft',
  'support.diagnostics',
  'support.requestHelp',
  'support.selfTest',
] as const;

export const EVENT_NAMES = ['auth.changed', 'link.refused', 'yubikey.device', 'yubikey.pinNeeded', 'yubikey.touch'] as const;

/** Prefix of the Electron IPC channel names: 'garage:auth.signIn'. */
export const IPC_PREFIX = 'garage:';
