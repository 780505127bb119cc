import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { loadConfig } from './config.js';
import { CasechatError } from './errors.js';
import { registerAdmin } from './server/admin.js';
import { createApp } from './server/app.js';
import { prepareIndex } from './server/live.js';
import { createLogger } from './server/observability.js';

/**
 * `npm start`: build the index when it is missing, stale or damaged, load it once, serve; re-index
 * on demand (admin API) or pick up generations published by others (INDEX_WATCH_SECONDS); on
 * SIGTERM stop accepting, let requests in flight finish (bounded) and exit 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel });
  const live = await prepareIndex(config, log);
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
  });
  registerAdmin(app, live, config.adminToken);
  live.onOutcome = (outcome) => app.metrics.recordReindex(outcome);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const { index } = live.engine;
    log.info(
      { event: 'listening', url: `http://${config.host}:${info.port}/`, cases: index.cases.length, chunks: index.chunks.length, generation: index.generation, admin: Boolean(config.adminToken) },
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
      log.info({ event: 'stopped' }, 'stopped');
      process.exit(0);
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
