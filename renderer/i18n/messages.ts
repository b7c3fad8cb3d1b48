/** The catalogs as React context for the app's screens (catalog.ts loads them). */
import { createContext, useContext } from 'react';
import type { Language } from '../../preload/contract.ts';
import type { Translate } from './catalog.ts';

export { loadCatalog, translator, type Catalog, type MessageKey, type Translate } from './catalog.ts';

export const I18nContext = createContext<{ language: Language; t: Translate }>({ language: 'fr', t: (key) => key });

export function useI18n(): { language: Language; t: Translate } {
  return useContext(I18nContext);
}
