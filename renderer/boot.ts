/**
 * Main's first answers, handed over with the page (main/start/page-boot.ts): `app.info` and `auth.state`
 * as main would answer them over IPC, so the first screen is drawn without waiting for them. A page served
 * without the block (the Vite dev server) gets nothing here and asks main as before.
 */
import type { AppInfoView, TransactionView } from '../preload/contract.ts';

export interface Boot {
  readonly info?: AppInfoView | undefined;
  readonly view?: TransactionView | undefined;
}

export const BOOT_ELEMENT_ID = 'garage-boot';

export function readBoot(doc: Pick<Document, 'getElementById'> = document): Boot {
  const text = doc.getElementById(BOOT_ELEMENT_ID)?.textContent;
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Boot | null;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
