import type { Answerer } from '../answer/ask.js';
import type { SearchEngine } from '../search/hybrid.js';
import type { Store } from '../store/types.js';

/**
 * What the routes and pages answer from. Both are read once at the start of each request, so they
 * may be getters of a holder that swaps in a re-built index: a request is answered from one index
 * from start to end.
 */
export interface Served {
  readonly engine: SearchEngine;
  readonly answerer: Answerer;
  /** Where each answer is logged (the question log); none: nothing is logged. */
  readonly store?: Store;
}
