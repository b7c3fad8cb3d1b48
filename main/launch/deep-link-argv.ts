/**
 * On Windows and Linux a `witech-login://…` link reaches the app as a command-line argument (of the
 * first launch, or of a second instance forwarded by the single-instance lock); macOS sends `open-url`.
 * Only the first argument with our scheme counts, and an oversized one is passed on for the parser to
 * refuse with a message rather than silently dropped.
 */
export const APP_LINK_SCHEME = 'witech-login';

export function linkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => typeof arg === 'string' && arg.toLowerCase().startsWith(`${APP_LINK_SCHEME}:`));
}
