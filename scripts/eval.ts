import { z } from 'zod';
import { createAnswerer } from '../src/answer/ask.js';
import { parseArgs, runCli } from '../src/cli-args.js';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import { search, type SearchMode } from '../src/search/hybrid.js';
import { createApp } from '../src/server/app.js';
import { matchesGold, readQuestions, type Question } from './lib/gold.js';

/**
 * `npm run eval -- <questions.jsonl> [--verbose]` (e.g. scripts/eval-example.jsonl): search metrics (hit@1/3/5, MRR@10) per
 * question type with the lexical-only, dense-only and hybrid ablations, then every question
 * through /api/ask as a conversation (citation hit@3, later turns, contacts, facts, negatives).
 */
const USAGE = 'usage: npm run eval -- <questions.jsonl> [--verbose]';

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    { _: z.array(z.string()).length(1, 'give the path of a .jsonl file'), verbose: z.boolean().default(false) },
    'eval',
  );
  const questions = readQuestions(args._[0]);
  const engine = await openEngine(loadConfig());
  const answerer = createAnswerer(engine);
  const app = createApp({ engine, answerer, allowedOrigins: [], rateLimitPerMinute: 0 });

  type Row = { n: number; h1: number; h3: number; h5: number; rr: number };
  const empty = (): Row => ({ n: 0, h1: 0, h3: 0, h5: 0, rr: 0 });
  const pct = (x: number, n: number) => (n ? (x / n).toFixed(3) : '  -  ');

  async function searchEval(
    mode: SearchMode,
  ): Promise<{ rows: Map<string, Row>; negatives: { n: number; declined: number }; latencies: number[]; misses: string[] }> {
    const rows = new Map<string, Row>();
    const negatives = { n: 0, declined: 0 };
    const latencies: number[] = [];
    const misses: string[] = [];
    for (const q of questions) {
      const t = q.turns[0];
      const t0 = performance.now();
      let ranked: Array<{ file: string; lineStart: number | null; lineEnd: number | null; title: string }>;
      if (mode === 'hybrid') {
        const res = await app.request(`/api/search?q=${encodeURIComponent(t.q)}&k=10`);
        const body = (await res.json()) as { results: Array<{ caseId: string; title: string }> };
        ranked = body.results
          .map((r) => engine.caseById.get(r.caseId)!)
          .map((c) => ({ file: c.file, lineStart: c.lineStart, lineEnd: c.lineEnd, title: c.title }));
      } else {
        const r = await search(engine, t.q, { mode, k: 10 });
        ranked = r.hits.map((h) => ({ file: h.case.file, lineStart: h.case.lineStart, lineEnd: h.case.lineEnd, title: h.case.title }));
      }
      latencies.push(performance.now() - t0);
      if (!t.gold.length) {
        negatives.n++;
        if (!ranked.length) negatives.declined++;
        else if (mode === 'hybrid') misses.push(`negative answered: ${t.q} → ${ranked[0].title}`);
        continue;
      }
      const rank = ranked.findIndex((r) => matchesGold(r, t.gold));
      for (const key of [q.type, 'all']) {
        const r = rows.get(key) ?? empty();
        r.n++;
        if (rank === 0) r.h1++;
        if (rank >= 0 && rank < 3) r.h3++;
        if (rank >= 0 && rank < 5) r.h5++;
        if (rank >= 0 && rank < 10) r.rr += 1 / (rank + 1);
        rows.set(key, r);
      }
      if ((rank < 0 || rank >= 5) && mode === 'hybrid')
        misses.push(
          `${q.type} ${q.id} rank=${rank}: ${t.q} → ${ranked
            .slice(0, 3)
            .map((r) => r.title)
            .join(' | ')} [gold: ${t.gold[0].title}]`,
        );
    }
    return { rows, negatives, latencies, misses };
  }

  function quantile(xs: number[], p: number): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  }

  const types = [...new Set(questions.map((q) => q.type))].filter((t) => t !== 'negative').sort();
  console.log(`# search (${questions.length} questions; first turns with gold)\n`);
  console.log(`type        n    | lexical hit@1 hit@5  MRR   | dense hit@1 hit@5  MRR   | hybrid hit@1 hit@3 hit@5  MRR`);
  const results: Record<string, Awaited<ReturnType<typeof searchEval>>> = {};
  for (const mode of ['lexical', 'dense', 'hybrid'] as const) results[mode] = await searchEval(mode);
  for (const type of [...types, 'all']) {
    const [l, d, h] = (['lexical', 'dense', 'hybrid'] as const).map((m) => results[m].rows.get(type) ?? empty());
    console.log(
      `${type.padEnd(11)} ${String(h.n).padStart(3)}  |       ${pct(l.h1, l.n)} ${pct(l.h5, l.n)} ${pct(l.rr, l.n)} |     ${pct(d.h1, d.n)} ${pct(d.h5, d.n)} ${pct(d.rr, d.n)} |      ${pct(h.h1, h.n)} ${pct(h.h3, h.n)} ${pct(h.h5, h.n)} ${pct(h.rr, h.n)}`,
    );
  }
  for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
    const r = results[mode];
    console.log(
      `${mode.padEnd(8)} negatives declined ${r.negatives.declined}/${r.negatives.n} (${pct(r.negatives.declined, r.negatives.n)}); latency p50 ${quantile(r.latencies, 0.5).toFixed(1)} ms, p95 ${quantile(r.latencies, 0.95).toFixed(1)} ms`,
    );
  }
  if (args.verbose) console.log(`\n${results.hybrid.misses.join('\n')}`);

  // --- ask: every turn, in order, in one conversation per question ---
  const ask = { turns: 0, cite3: 0, later: 0, later3: 0, contactsN: 0, contactsHit: 0, factsN: 0, factsHit: 0, negN: 0, negDeclined: 0 };
  // whole multi-turn questions right, per type (conversation, followup) and together
  const whole = new Map<string, { n: number; right: number }>();
  const categories = new Map<string, number>();
  const fail = (category: string) => categories.set(category, (categories.get(category) ?? 0) + 1);
  const perType = new Map<string, { n: number; hit: number }>();
  const askMisses: string[] = [];
  const askLatencies: number[] = [];
  for (const q of questions as Question[]) {
    let conversationId: string | undefined;
    let allRight = true;
    for (const [i, t] of q.turns.entries()) {
      let turnRight = true;
      const t0 = performance.now();
      const res = await app.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: t.q, conversationId }),
      });
      askLatencies.push(performance.now() - t0);
      const body = (await res.json()) as {
        conversationId: string;
        answer: string;
        citations: Array<{ caseId: string; title: string; source: { file: string; lineStart: number | null; lineEnd: number | null } }>;
      };
      conversationId = body.conversationId;
      const citedCases: string[] = [];
      for (const c of body.citations) if (!citedCases.includes(c.caseId)) citedCases.push(c.caseId);
      const answer = body.answer.toLowerCase();
      if (!t.gold.length) {
        ask.negN++;
        if (body.citations.length === 0) ask.negDeclined++;
        else {
          turnRight = false;
          fail(i === 0 ? 'negative answered' : 'negative answered inside a conversation');
          askMisses.push(`negative cited: ${t.q} → ${body.citations[0].title}`);
        }
      } else {
        ask.turns++;
        const hit = citedCases.slice(0, 3).some((id) => {
          const c = engine.caseById.get(id)!;
          return matchesGold({ file: c.file, lineStart: c.lineStart, lineEnd: c.lineEnd, title: c.title }, t.gold);
        });
        if (hit) ask.cite3++;
        if (i > 0) {
          ask.later++;
          if (hit) ask.later3++;
        }
        const pt = perType.get(q.type) ?? { n: 0, hit: 0 };
        pt.n++;
        if (hit) pt.hit++;
        perType.set(q.type, pt);
        if (!hit) {
          turnRight = false;
          const prevGold = i > 0 ? q.turns[i - 1].gold : [];
          const stays = t.gold.some((g) => prevGold.some((p) => p.file === g.file && p.lineStart === g.lineStart));
          fail(
            !citedCases.length
              ? 'declined though a case answers'
              : i === 0
                ? 'wrong case on a first turn'
                : stays
                  ? 'left the case being discussed'
                  : 'missed the new or similar case',
          );
          askMisses.push(`${q.type} ${q.id} turn ${i + 1} not cited: ${t.q} → ${citedCases.slice(0, 3).join(', ') || '(nothing)'}`);
        }
      }
      // a turn is counted once, under its first failure
      let counted = !turnRight;
      for (const e of t.expect_contacts) {
        ask.contactsN++;
        if (answer.includes(e.toLowerCase())) ask.contactsHit++;
        else {
          turnRight = false;
          if (!counted) fail('contact not shown for the right case');
          counted = true;
          askMisses.push(`${q.id} contact missing ${e}: ${t.q}`);
        }
      }
      for (const e of t.expect_facts) {
        ask.factsN++;
        if (answer.includes(e.toLowerCase())) ask.factsHit++;
        else {
          turnRight = false;
          if (!counted) fail('fact not in the answer for the right case');
          counted = true;
          askMisses.push(`${q.id} fact missing "${e}": ${t.q}`);
        }
      }
      allRight &&= turnRight;
    }
    if (q.turns.length > 1)
      for (const key of [q.type, 'all multi-turn']) {
        const w = whole.get(key) ?? { n: 0, right: 0 };
        w.n++;
        if (allRight) w.right++;
        whole.set(key, w);
      }
  }
  console.log(`\n# ask (${ask.turns} turns with gold through /api/ask)\n`);
  console.log(`citation hit@3      ${pct(ask.cite3, ask.turns)}`);
  console.log(`later-turn hit@3    ${pct(ask.later3, ask.later)} (${ask.later} turns)`);
  console.log(`contact hit rate    ${pct(ask.contactsHit, ask.contactsN)} (${ask.contactsN} expected)`);
  console.log(`fact hit rate       ${pct(ask.factsHit, ask.factsN)} (${ask.factsN} expected)`);
  console.log(`negatives declined  ${pct(ask.negDeclined, ask.negN)} (${ask.negN})`);
  // right: every turn cites a right case (or declines when none answers) and shows every expected contact and fact
  for (const [k, w] of whole) console.log(`whole right: ${k.padEnd(14)} ${pct(w.right, w.n)} (${w.n})`);
  console.log(`per type citation hit@3: ${[...perType].map(([k, v]) => `${k} ${pct(v.hit, v.n)}`).join(', ')}`);
  console.log(`ask latency p50 ${quantile(askLatencies, 0.5).toFixed(1)} ms, p95 ${quantile(askLatencies, 0.95).toFixed(1)} ms`);
  console.log(`\nerrors by category (a turn counts once, under its first failure):`);
  for (const [k, v] of [...categories].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(3)}  ${k}`);
  if (args.verbose) console.log(`\n${askMisses.join('\n')}`);
  return 0;
}

runCli(main, USAGE);
