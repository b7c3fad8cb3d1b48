/**
 * The sign-in screen's strings in both languages, built into the start-up chunk from the code of the first
 * screen (scripts/first-screen-catalog.ts): the window draws sign-in before the full catalog has loaded.
 */
import catalogs from 'virtual:first-screen-catalog';
import type { Language } from '../../preload/contract.ts';
import type { Catalog } from './catalog.ts';

/** Only the first screen's keys: any other key reads as itself until the full catalog is in. */
export function firstScreenCatalog(language: Language): Catalog {
  return catalogs[language] as Catalog;
}
