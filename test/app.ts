import { inject } from 'vitest';
import { createAnswerer } from '../src/answer/ask.js';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import { createApp } from '../src/server/app.js';
import type { SearchEngine } from '../src/search/hybrid.js';

let engine: Promise<SearchEngine> | null = null;

/** The real engine over the index built in the global setup (loaded once per test file). */
export function testEngine(): Promise<SearchEngine> {
  engine ??= openEngine(loadConfig(inject('testEnv')));
  return engine;
}

/** The real Hono app over the real index. */
export async function testApp(allowedOrigins: string[] = [], rateLimitPerMinute = 0) {
  const e = await testEngine();
  return createApp({ engine: e, answerer: createAnswerer(e), allowedOrigins, rateLimitPerMinute });
}
