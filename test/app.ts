import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createAnswerer } from '../src/answer/ask.js';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import { createApp, type AppDeps } from '../src/server/app.js';
import type { SearchEngine } from '../src/search/hybrid.js';
import { openStore } from '../src/store/open.js';
import type { StoreOptions } from '../src/store/store.js';
import type { Store } from '../src/store/types.js';

let engine: Promise<SearchEngine> | null = null;

/** The real engine over the index built in the global setup (loaded once per test file). */
export function testEngine(): Promise<SearchEngine> {
  engine ??= openEngine(loadConfig(inject('testEnv')));
  return engine;
}

/** The optional app dependencies a test may set besides origins and rate limit (logger, trustProxy, store…). */
export type TestAppOptions = Omit<Partial<AppDeps>, 'engine' | 'answerer' | 'allowedOrigins' | 'rateLimitPerMinute'>;

/** The real Hono app over the real index; with a store, its conversations are the answerer's. */
export async function testApp(allowedOrigins: string[] = [], rateLimitPerMinute = 0, options: TestAppOptions = {}) {
  const e = await testEngine();
  return createApp({ ...options, engine: e, answerer: createAnswerer(e, options.store?.conversations), allowedOrigins, rateLimitPerMinute });
}

/** A real SQLite store in a new temporary folder, which `close()` removes; no periodic sweep unless asked for. */
export async function tempStore(options: Partial<StoreOptions> = {}): Promise<Store & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casechat-store-'));
  const store = await openStore({ dataDir, databaseUrl: undefined, retentionDays: 90, conversations: 'store' }, { sweepEveryMs: 0, ...options });
  return {
    ...store,
    dataDir,
    async close() {
      try {
        await store.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
