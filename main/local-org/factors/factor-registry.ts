/** The factors this org offers, in the order the MFA_ENROLL list shows them. */
import type { FactorDriver } from './factor-driver.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { totpDriver } from './totp-driver.ts';
import { questionDriver } from './question-driver.ts';
import { pushDriver } from './push-driver.ts';
import { yubikeyDriver } from './yubikey-driver.ts';
import { webauthnDriver } from './webauthn-driver.ts';

export const FACTOR_DRIVERS: readonly FactorDriver[] = [pushDriver, totpDriver('OKTA'), totpDriver('GOOGLE'), yubikeyDriver, webauthnDriver, questionDriver];

export function driverFor(factorType: string, provider: string): FactorDriver | undefined {
  return FACTOR_DRIVERS.find((driver) => driver.factorType === factorType && driver.provider === provider);
}

export function driverOf(factor: FactorRow): FactorDriver {
  const driver = driverFor(factor.factor_type, factor.provider);
  if (!driver) throw new Error(`no driver for ${factor.factor_type}/${factor.provider}`);
  return driver;
}
