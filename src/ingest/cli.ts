import { z } from 'zod';
import { parseArgs, runCli } from '../cli-args.js';
import { loadConfig } from '../config.js';
import type { Logger } from '../log.js';
import { buildIndex } from './build.js';

const USAGE = `usage: npm run ingest [-- --force] [-- --strict] [-- --accept-shrink] [-- --stage] [-- --json]
  --force          rebuild even when the corpus is unchanged
  --strict         fail on warnings the published index did not have (skipped files, repaired emails …)
  --accept-shrink  publish even when the new index loses more than 20 % of the cases, or all cases of a document
  --stage          write the new generation without publishing it (the server checks it loads, then publishes)
  --json           progress on stderr, and one JSON line with the outcome on stdout

Every run prints, per document, the cases and contacts before, after and the change, and why a file
was skipped. A refused or failed run exits with 1 and leaves the published index as it was.`;

/** `npm run ingest`: builds index/ from corpus/, printing progress and the table of what changed. */
async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      force: z.boolean().default(false),
      strict: z.boolean().default(false),
      'accept-shrink': z.boolean().default(false),
      stage: z.boolean().default(false),
      json: z.boolean().default(false),
      help: z.boolean().default(false),
    },
    'ingest',
  );
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const logger: Logger = {
    warn: (w) => console.warn(`warning ${w.code} ${w.file}: ${w.message}`),
    info: (m) => (args.json ? console.error(m) : console.log(m)),
  };
  const report = await buildIndex(config, logger, { force: args.force, strict: args.strict, publish: !args.stage, acceptShrink: args['accept-shrink'] });
  if (args.json) {
    const { status, generation, published, changedFiles, millis } = report;
    console.log(JSON.stringify({ status, generation, published, changedFiles, millis, counts: report.manifest.counts, model: report.manifest.model.id }));
  } else if (report.status === 'built') {
    const c = report.manifest.counts;
    console.log(
      `generation ${report.generation} ${report.published ? 'published' : 'written (not published)'} in ${config.indexDir} in ${(report.millis / 1000).toFixed(1)} s: ` +
        `${c.cases} cases, ${c.chunks} chunks, ${c.contacts} contacts, ${c.warnings} warnings (model ${report.manifest.model.id}, dim ${report.manifest.model.dim})`,
    );
  }
  return 0;
}

runCli(main, USAGE);
