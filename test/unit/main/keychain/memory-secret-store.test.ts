import { createMemorySecretStore } from '../../../../main/keychain/memory-secret-store.ts';
import { secretStoreSuite } from '../../../support/secret-store-suite.ts';

const store = createMemorySecretStore();
secretStoreSuite('memory', () => store);
