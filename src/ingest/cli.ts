import { z } from 'zod';
import { parseArgs, runCli } from '../cli-args.js';
import { loadConfig } from '../config.js';
import type { Logger } from '../log.js';
import { buildIndex } from './build.js';

const USAGE = `usage: npm run ingest [-- --force] [-- --strict] [-- --stage] [-- --json]
  --force   rebuild even when the corpus is unchanged
  --strict  treat warnings (skipped files, repaired emails …) as failure
  --stage   write the new generation without publishing it (the server checks it loads, then publishes)
  --json    progress on stderr, and one JSON line with the outcome on stdout`;

/** `npm run ingest`: builds index/ from corpus/, printing progress and a summary table. */
async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    { force: z.boolean().default(false), strict: z.boolean().default(false), stage: z.boolean().default(false), json: z.boolean().default(false), help: z.boolean().default(false) },
    'ingest',
  );
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  let warnings = 0;
  const logger: Logger = {
    warn: (w) => {
      warnings++;
      console.warn(`warning ${w.code} ${w.file}: ${w.message}`);
    },
    info: (m) => (args.json ? console.error(m) : console.log(m)),
  };
  const report = await buildIndex(config, logger, { force: args.force, strict: args.strict, publish: !args.stage });
  if (args.json) {
    const { status, generation, published, changedFiles, millis } = report;
    console.log(JSON.stringify({ status, generation, published, changedFiles, millis, counts: report.manifest.counts, model: report.manifest.model.id }));
  } else if (report.status === 'built') {
    const rows = report.perDocument.map((d) => [d.file, d.cases, d.chunks, d.contacts, d.warnings]);
    const c = report.manifest.counts;
    rows.push(['total', c.cases, c.chunks, c.contacts, c.warnings]);
    const widths = [Math.max(8, ...rows.map((r) => String(r[0]).length)), 6, 7, 9, 9];
    const line = (r: Array<string | number>) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
    console.log(line(['document', 'cases', 'chunks', 'contacts', 'warnings']));
    for (const r of rows) console.log(line(r));
    console.log(`generation ${report.generation} ${report.published ? 'published' : 'written (not published)'} in ${config.indexDir} in ${(report.millis / 1000).toFixed(1)} s (model ${report.manifest.model.id}, dim ${report.manifest.model.dim})`);
  }
  return args.strict && warnings > 0 ? 1 : 0;
}

runCli(main, USAGE);
