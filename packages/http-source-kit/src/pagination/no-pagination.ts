import type { Paginator } from './paginator.js';

/** One request per partition. */
export function noPagination(): Paginator {
  return {
    description: 'no pagination',
    start: () => ({ current: () => ({}), advance: () => false }),
  };
}
