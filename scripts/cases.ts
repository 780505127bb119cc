import { loadConfig } from '../src/config.js';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';

/** `npm run cases`: every case with its id, title, organisations, contacts count and source range. */
// piped into `head`: a closed pipe ends the listing quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
const config = loadConfig();
const log = memoryLogger();
const docs = await loadCorpus(config.corpusDir, log);
const cases = segmentCorpus(docs, log);
for (const c of cases) {
  const where = c.pageStart !== null ? `pages ${c.pageStart}-${c.pageEnd}` : `lines ${c.lineStart}-${c.lineEnd}`;
  console.log(`${c.id}\n  ${c.title}\n  ${c.file} ${where} · ${c.layout} · ${c.contacts.length} contact(s)\n  ${c.organisations.join('; ') || '(no organisation found)'}`);
}
console.log(`\n${cases.length} cases in ${docs.length} documents`);
for (const w of log.warnings) console.log(`warning ${w.code} ${w.file}: ${w.message}`);
