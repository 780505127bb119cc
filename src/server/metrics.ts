import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STORE_PARTS, type StorePart } from '../store/types.js';

/** What a re-index ended in: a new index served, the corpus unchanged, or an error (old index kept). */
export type ReindexOutcome = 'succeeded' | 'unchanged' | 'failed';

/** The served index as the gauges report it, read at each scrape. */
export interface IndexSnapshot {
  cases: number;
  chunks: number;
  /** When the index was built (ISO time, from its manifest). */
  createdAt: string;
  /** Bytes of the index on disk, when known. */
  bytes?: number;
}

/** The app's Prometheus metrics: HTTP traffic, re-indexes, the served index and the process. */
export interface Metrics {
  /** The app's own registry (process metrics included), never prom-client's global one. */
  readonly registry: Registry;
  /** Counts one answered request and its duration. `route` is the registered path, never the URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts one re-index by outcome (`casechat_reindex_total{outcome}`). */
  recordReindex(outcome: ReindexOutcome): void;
  /** Counts one failed store operation (`casechat_store_errors_total{part}`): the database is down, the disk full… */
  recordStoreError(part: StorePart): void;
  /** Counts question-log records dropped because too many waited for a failing database (`casechat_question_log_dropped_total`). */
  recordQuestionsDropped(count: number): void;
  /** The metrics in Prometheus text format, the index gauges set from `index` first. */
  scrape(index: IndexSnapshot): Promise<string>;
  /** The content type of `scrape`'s text. */
  readonly contentType: string;
}

/** Request duration buckets in seconds: 1 ms to 2 s (a search takes about 1 ms, an answer a few). */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2];

/** Methods reported by name; any other (a client may send any token) is counted as OTHER. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const OUTCOMES: ReindexOutcome[] = ['succeeded', 'unchanged', 'failed'];

let processRegistry: Registry | undefined;

/**
 * The default process metrics (RSS, CPU, heap, event-loop lag, GC…), collected once per process:
 * each collection starts an event-loop monitor and a GC observer that are never stopped, and the
 * figures are the same for every app in the process.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Creates the metrics of one app in a registry of its own, so several apps in one process don't clash. */
export function createMetrics(): Metrics {
  const own = new Registry();
  const registers = [own];
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request (to the response headers), in seconds',
    labelNames: ['method', 'route'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const reindexes = new Counter({ name: 'casechat_reindex_total', help: 'Re-indexes by outcome', labelNames: ['outcome'] as const, registers });
  for (const outcome of OUTCOMES) reindexes.inc({ outcome }, 0);
  const storeErrors = new Counter({
    name: 'casechat_store_errors_total',
    help: 'Failed store operations by part (answers go on without the store)',
    labelNames: ['part'] as const,
    registers,
  });
  for (const part of STORE_PARTS) storeErrors.inc({ part }, 0);
  const dropped = new Counter({
    name: 'casechat_question_log_dropped_total',
    help: 'Question-log records dropped because too many waited for a failing database',
    registers,
  });
  const cases = new Gauge({ name: 'casechat_index_cases', help: 'Cases in the served index', registers });
  const chunks = new Gauge({ name: 'casechat_index_chunks', help: 'Passages (chunks) in the served index', registers });
  const age = new Gauge({ name: 'casechat_index_age_seconds', help: 'Seconds since the served index was built', registers });
  const bytes = new Gauge({ name: 'casechat_index_bytes', help: 'Bytes of the served index on disk', registers });
  const registry = Registry.merge([processMetrics(), own]);

  return {
    registry,
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : 'OTHER';
      requests.inc({ method: m, route, status: String(status) });
      duration.observe({ method: m, route }, seconds);
    },
    recordReindex(outcome) {
      reindexes.inc({ outcome });
    },
    recordStoreError(part) {
      storeErrors.inc({ part });
    },
    recordQuestionsDropped(count) {
      dropped.inc(count);
    },
    async scrape(index) {
      cases.set(index.cases);
      chunks.set(index.chunks);
      const built = Date.parse(index.createdAt);
      // unknown is NaN, not 0: a dashboard must not read "just built" or "empty"
      age.set(Number.isFinite(built) ? Math.max(0, (Date.now() - built) / 1000) : Number.NaN);
      bytes.set(index.bytes ?? Number.NaN);
      return registry.metrics();
    },
  };
}
