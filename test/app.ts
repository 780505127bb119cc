import { inject } from 'vitest';
import { createAnswerer } from '../src/answer/ask.js';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import { createApp, type AppDeps } from '../src/server/app.js';
import type { SearchEngine } from '../src/search/hybrid.js';

let engine: Promise<SearchEngine> | null = null;

/** The real engine over the index built in the global setup (loaded once per test file). */
export function testEngine(): Promise<SearchEngine> {
  engine ??= openEngine(loadConfig(inject('testEnv')));
  return engine;
}

/** The optional app dependencies a test may set besides origins and rate limit (logger, trustProxy…). */
export type TestAppOptions = Omit<Partial<AppDeps>, 'engine' | 'answerer' | 'allowedOrigins' | 'rateLimitPerMinute'>;

/** The real Hono app over the real index. */
export async function testApp(allowedOrigins: string[] = [], rateLimitPerMinute = 0, options: TestAppOptions = {}) {
  const e = await testEngine();
  return createApp({ ...options, engine: e, answerer: createAnswerer(e), allowedOrigins, rateLimitPerMinute });
}
