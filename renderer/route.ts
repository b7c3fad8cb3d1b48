/**
 * Screens are views of main's state machine (ARCHITECTURE rule 7): the route is derived from the
 * transaction status main reports, never kept in parallel.
 */
import type { TransactionStatus } from '../preload/contract.ts';

export type Route = 'signIn' | 'success';

export function routeFor(status: TransactionStatus): Route {
  switch (status) {
    case 'SUCCESS':
      return 'success';
    default:
      return 'signIn';
  }
}
