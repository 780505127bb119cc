import { readFileSync } from 'node:fs';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import type { Case, LoadedDocument } from '../src/types.js';

let cached: Promise<{ docs: LoadedDocument[]; cases: Case[]; warnings: ReturnType<typeof memoryLogger>['warnings'] }> | null = null;

/** The real corpus, loaded and segmented once per test file. */
export function realCorpus() {
  cached ??= (async () => {
    const log = memoryLogger();
    const docs = await loadCorpus(new URL('../corpus', import.meta.url).pathname, log);
    const cases = segmentCorpus(docs, log);
    return { docs, cases, warnings: log.warnings };
  })();
  return cached;
}

/** The lines of a corpus file (1-based line n is index n - 1). */
export function corpusLines(file: string): string[] {
  return readFileSync(new URL(`../corpus/${file}`, import.meta.url), 'utf8').split('\n');
}
