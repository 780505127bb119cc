import { join } from 'node:path';
import type { Config } from './config.js';
import { createEmbedder } from './embed/embedder.js';
import { CasechatError } from './errors.js';
import { currentGeneration, GENERATION_MODEL, loadGeneration } from './index/store.js';
import { createSearchEngine, type SearchEngine } from './search/hybrid.js';

/** Loads the published generation of the index (or the one named) with its model, and prepares search. */
export async function openEngine(config: Config, generation?: string): Promise<SearchEngine> {
  const name = generation ?? (await currentGeneration(config.indexDir));
  if (!name) throw new CasechatError('INDEX_MISSING', 'index', `no index in ${config.indexDir}; run npm run ingest`);
  // the corpus-trained model belongs to its generation; a pretrained one lives under MODELS_DIR
  const model = config.trainsModel
    ? { modelsDir: join(config.indexDir, name), model: GENERATION_MODEL }
    : { modelsDir: config.modelsDir, model: config.embedModel };
  const embedder = await createEmbedder({ ...model, threads: config.embedThreads });
  try {
    const index = await loadGeneration(config.indexDir, name, { id: embedder.id, dim: embedder.dim });
    return createSearchEngine(index, embedder);
  } catch (e) {
    await embedder.dispose?.();
    throw e;
  }
}
