import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { buildIndex } from '../../src/ingest/build.js';
import { silentLogger } from '../../src/log.js';

/** Builds the real index from corpus/ (real corpus-trained model, real HNSW) once for all tests. */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'casechat-test-'));
  const env = { INDEX_DIR: join(root, 'index'), MODELS_DIR: join(root, 'models') };
  await buildIndex(loadConfig(env), silentLogger);
  project.provide('testEnv', env);
  return () => rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: { INDEX_DIR: string; MODELS_DIR: string };
  }
}
