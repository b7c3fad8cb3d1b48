// Child process of keytar-secret-store.test.ts: prints the keychain's availability as JSON.
import { createKeytarSecretStore } from '../../../main/keychain/keytar-secret-store.ts';

const result = await createKeytarSecretStore().availability();
console.log(JSON.stringify({ ok: result.ok, ...(result.ok ? {} : { error: { code: result.error.code } }) }));
