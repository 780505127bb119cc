import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildIndex } from '../src/ingest/build.js';
import { memoryLogger } from '../src/log.js';

/*
 * A small corpus for the ingest guard and start-up tests: fast to build, with the real model,
 * HNSW and BM25 all the same.
 */

export const KONTAKT = 'Kontakt:\n\nMette Hansen, projektleder, Syddjurs Kommune\n\nmeha@syddjurs.dk\n';
export const EXAMPLES = [
  'Her er vi innovative – fem eksempler:',
  ...[
    ['Madskole for ældre', 'Ældre borgere lærer at lave sund mad sammen i små hold på kommunens aktivitetscentre.'],
    ['Digital borgerservice', 'Borgerservice hjælper borgere med digital post og selvbetjening på biblioteket hver tirsdag.'],
    ['Grønne skolegårde', 'Elever og forældre har plantet skolegårdene til med træer og bede, så frikvartererne er grønnere.'],
    ['Cykelbiblioteket', 'Børn kan låne en cykel i en måned på biblioteket, og mange familier har siden købt deres egen.'],
    ['Natteravne i bussen', 'Frivillige voksne kører med natbusserne i weekenden, og der er færre episoder med uro end før.'],
  ].flatMap(([title, text]) => ['', title, '', text]),
  '',
].join('\n');

/** A small corpus: one article with a contact block, one page of five examples, one short article: 7 cases, 1 contact. */
export const CORPUS: Record<string, string> = {
  'borgerbudget.md': `# Borgerbudgetter i Syddjurs\n\nSyddjurs Kommune lader borgerne fordele en pulje på 500.000 kr. til lokale projekter i landsbyerne, og mange deltager.\n\n${KONTAKT}`,
  'eksempler.txt': EXAMPLES,
  'kyst.md': '# Kystsikring med østers i Vejle\n\nVejle Kommune planter østersrev, der dæmper bølgerne og beskytter kysten mod stormflod.\n',
};

let n = 0;
/** A fresh corpus folder and index root with the small corpus published; returns its environment. */
export async function published(root: string, extra: Record<string, string> = {}) {
  const dir = join(root, String(++n));
  const env = { CORPUS_DIR: join(dir, 'corpus'), INDEX_DIR: join(dir, 'index'), MODELS_DIR: join(dir, 'models') };
  mkdirSync(env.CORPUS_DIR, { recursive: true });
  for (const [file, text] of Object.entries({ ...CORPUS, ...extra })) writeFileSync(join(env.CORPUS_DIR, file), text);
  const report = await buildIndex(loadConfig(env), memoryLogger());
  expect(report.manifest.counts.cases).toBe(7);
  return env;
}
