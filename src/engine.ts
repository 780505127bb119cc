import type { Config } from './config.js';
import { createEmbedder } from './embed/embedder.js';
import { loadIndex } from './index/store.js';
import { createSearchEngine, type SearchEngine } from './search/hybrid.js';

/** Loads the embedding model and the index once, checks they belong together, and prepares search. */
export async function openEngine(config: Config): Promise<SearchEngine> {
  const embedder = await createEmbedder({ modelsDir: config.modelsDir, model: config.embedModel, threads: config.embedThreads });
  const index = await loadIndex(config.indexDir, { id: embedder.id, dim: embedder.dim });
  return await createSearchEngine(index, embedder);
}
