import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { loadConfig } from './config.js';
import { CasechatError } from './errors.js';
import { registerAdmin } from './server/admin.js';
import { createApp } from './server/app.js';
import { registerInsights } from './server/insights.js';
import { prepareIndex } from './server/live.js';
import { createMetrics } from './server/metrics.js';
import { createLogger } from './server/observability.js';
import { openStore } from './store/open.js';

/**
 * `npm start`: open the store (SQLite in DATA_DIR, or PostgreSQL at DATABASE_URL) and bring its
 * schema up to date; build the index when it is missing, stale or damaged, load it once, serve;
 * re-index on demand (admin API) or pick up generations published by others (INDEX_WATCH_SECONDS);
 * on SIGTERM stop accepting, let requests in flight finish (bounded), write the question log and exit 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const store = await openStore(config, {
    onFailure: (f) => {
      metrics.recordStoreError(f.part);
      log.error({ event: 'store.error', code: 'STORE_UNAVAILABLE', part: f.part, op: f.op, error: f.error }, 'the store failed; answers go on without it');
    },
    onDropped: (count) => {
      metrics.recordQuestionsDropped(count);
      log.warn({ event: 'store.dropped', count }, 'question-log records dropped: too many waited for the database');
    },
  });
  log.info({ event: 'store.open', kind: store.kind, conversations: config.conversations }, `store: ${store.kind}`);
  const live = await prepareIndex(config, log, { conversations: store.conversations });
  live.watch(config.indexWatchSeconds);
  const app = createApp({
    get engine() {
      return live.engine;
    },
    get answerer() {
      return live.answerer;
    },
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    logger: log,
    logQuestions: config.logQuestions,
    ingestStatus: () => {
      const { state, trigger, finishedAt, error } = live.status;
      return { state, trigger, finishedAt, error };
    },
    metrics,
    store,
  });
  registerAdmin(app, live, config.adminToken);
  registerInsights(app, store, config.adminToken, (id) => live.engine.caseById.get(id)?.title ?? null);
  live.onOutcome = (outcome) => app.metrics.recordReindex(outcome);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const { index } = live.engine;
    log.info(
      {
        event: 'listening',
        url: `http://${config.host}:${info.port}/`,
        cases: index.cases.length,
        chunks: index.chunks.length,
        generation: index.generation,
        admin: Boolean(config.adminToken),
      },
      `casechat: ${index.cases.length} cases, ${index.chunks.length} passages — http://${config.host}:${info.port}/`,
    );
  }) as Server;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'shutdown', signal, graceMs: config.shutdownGraceMs }, 'stopping: no new connections; finishing requests in flight');
    void live.close();
    server.close(() => {
      // the question log's last batch is written before the process ends
      void store
        .close()
        .then(
          () => log.info({ event: 'stopped' }, 'stopped'),
          (e: Error) => log.error({ event: 'store.close', error: e.message }, 'the store did not close cleanly'),
        )
        .finally(() => process.exit(0));
    });
    // keep-alive connections that go idle are closed as soon as they do
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    idle.unref();
    setTimeout(() => {
      log.warn({ event: 'shutdown.timeout', graceMs: config.shutdownGraceMs }, 'grace period over; closing the remaining connections');
      server.closeAllConnections();
      process.exit(0);
    }, config.shutdownGraceMs).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e instanceof CasechatError ? `error ${e.code}: ${e.message}` : e);
  process.exit(1);
});
