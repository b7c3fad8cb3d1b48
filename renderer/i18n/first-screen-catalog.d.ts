/** Built by scripts/first-screen-catalog.ts: the sign-in screen's strings in both languages, in the start-up chunk. */
declare module 'virtual:first-screen-catalog' {
  import type { MessageKey } from './catalog.ts';

  const catalogs: Readonly<Record<'fr' | 'en', Readonly<Partial<Record<MessageKey, string>>>>>;
  export default catalogs;
}
