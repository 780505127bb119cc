import { serve } from '@hono/node-server';
import { createAnswerer } from './answer/ask.js';
import { loadConfig } from './config.js';
import { openEngine } from './engine.js';
import { CasechatError } from './errors.js';
import { buildIndex } from './ingest/build.js';
import type { Logger } from './log.js';
import { createApp } from './server/app.js';

const logger: Logger = {
  warn: (w) => console.warn(`warning ${w.code} ${w.file}: ${w.message}`),
  info: (m) => console.log(m),
};

/** `npm start`: ingest when the index is missing or stale, load the model and index once, serve. */
async function main(): Promise<void> {
  const config = loadConfig();
  await buildIndex(config, logger);
  const engine = await openEngine(config);
  const app = createApp({ engine, answerer: createAnswerer(engine), allowedOrigins: config.allowedOrigins, rateLimitPerMinute: config.rateLimitPerMinute });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`casechat: ${engine.index.cases.length} cases, ${engine.index.chunks.length} passages — http://${config.host}:${info.port}/`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof CasechatError ? `error ${e.code}: ${e.message}` : e);
  process.exit(1);
});
