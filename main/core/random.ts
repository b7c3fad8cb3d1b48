import { randomBytes as nodeRandomBytes } from 'node:crypto';

/** Randomness as a port, so tests can pin challenges and ids. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandom: RandomBytes = (length) => new Uint8Array(nodeRandomBytes(length));
