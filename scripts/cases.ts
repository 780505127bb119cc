import { z } from 'zod';
import { parseArgs, runCli } from '../src/cli-args.js';
import { loadConfig } from '../src/config.js';
import { currentGeneration, readOrganisations } from '../src/index/store.js';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';

const USAGE = `usage: npm run cases [-- --organisations]
  (no option)      every case found in corpus/: id, title, organisations, contacts and line range
  --organisations  every organisation of the published index: its canonical name, the spellings
                   merged into it and why, and how many cases name it`;

/** `npm run cases`: the cases of the corpus, or (`--organisations`) the organisations of the published index. */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { organisations: z.boolean().default(false), help: z.boolean().default(false) }, 'cases');
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  if (args.organisations) {
    const generation = await currentGeneration(config.indexDir);
    const organisations = await readOrganisations(config.indexDir, generation ?? undefined);
    for (const o of organisations) {
      console.log(`${o.name}  (${o.cases.length} case${o.cases.length === 1 ? '' : 's'})`);
      for (const v of o.variants) console.log(`  ← ${v.name}  (${v.rule})`);
    }
    const merged = organisations.reduce((n, o) => n + o.variants.length, 0);
    console.log(`\n${organisations.length} organisations; ${merged} variant spelling${merged === 1 ? '' : 's'} merged (generation ${generation})`);
    return 0;
  }
  const log = memoryLogger();
  const docs = await loadCorpus(config.corpusDir, log);
  const cases = segmentCorpus(docs, log);
  for (const c of cases) {
    const where = c.pageStart !== null ? `pages ${c.pageStart}-${c.pageEnd}` : `lines ${c.lineStart}-${c.lineEnd}`;
    console.log(
      `${c.id}\n  ${c.title}\n  ${c.file} ${where} · ${c.layout} · ${c.contacts.length} contact(s)\n  ${c.organisations.join('; ') || '(no organisation found)'}`,
    );
  }
  console.log(`\n${cases.length} cases in ${docs.length} documents`);
  for (const w of log.warnings) console.log(`warning ${w.code} ${w.file}: ${w.message}`);
  return 0;
}

// piped into `head`: a closed pipe ends the listing quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
runCli(main, USAGE);
