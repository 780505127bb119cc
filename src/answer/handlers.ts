import { search, type SearchEngine } from '../search/hybrid.js';
import type { Case, Chunk } from '../types.js';
import type { AnswerContext } from './ask.js';
import { caseLabel, citedText, contactLine } from './compose.js';
import type { IntentKind } from './intents.js';
import { rankSentences } from './select.js';
import type { Sentence } from './sentences.js';

/** What a handler wrote: the answer text and the cases it is about, most relevant first. */
export interface Handled {
  text: string;
  caseIds: string[];
}

type Handler = (ctx: AnswerContext) => Handled;

const chunksOf = (ctx: AnswerContext, c: Case): Chunk[] => ctx.engine.chunksOfCase.get(c.id) ?? [];

/** The best sentences of a case for the question, at most `n`, with a positive score. */
function best(ctx: AnswerContext, c: Case, n: number, chunks = chunksOf(ctx, c)): Sentence[] {
  const ranked = rankSentences(chunks, ctx.terms, ctx.intent, ctx.engine);
  return ranked.slice(0, n).filter((r, i) => i === 0 || r.score > 0).map((r) => r.sentence);
}

/** A quote of whole lines of the contact chunk: the lines from `from` to `to` (1-based). */
function linesQuote(chunk: Chunk, from: number, to: number): Sentence {
  const lines = chunk.text.split('\n');
  const a = Math.max(0, from - chunk.lineStart);
  const b = Math.min(lines.length - 1, to - chunk.lineStart);
  const start = lines.slice(0, a).reduce((n, l) => n + l.length + 1, 0);
  const text = lines.slice(a, b + 1).join('\n');
  return { chunk, text, start, end: start + text.length, lineStart: chunk.lineStart + a, lineEnd: chunk.lineStart + b, index: 0 };
}

/** Contact lines of a case, each cited to the lines it is written on. */
function contactBlock(ctx: AnswerContext, c: Case): string[] {
  const chunk = chunksOf(ctx, c).find((k) => k.isContact) ?? chunksOf(ctx, c).find((k) => c.contacts.some((p) => p.lineStart >= k.lineStart && p.lineEnd <= k.lineEnd));
  return c.contacts.map((p) => {
    const marker = chunk ? ` ${ctx.citations.cite(linesQuote(chunk, p.lineStart, p.lineEnd), c)}` : '';
    return `${contactLine(p)}${marker}`;
  });
}

const lead = (ctx: AnswerContext, da: string, en: string) => (ctx.intent.english ? `${en} (The cases are in Danish.)\n\n${da}` : da);

export const HANDLERS: Record<IntentKind, Handler> = {
  contact(ctx) {
    const parts: string[] = [];
    const ids: string[] = [];
    for (const c of ctx.targets.slice(0, 2)) {
      ids.push(c.id);
      if (!c.contacts.length) {
        parts.push(`Teksten om ${caseLabel(c)} nævner ingen kontaktperson med e-mail eller telefon.`);
        continue;
      }
      parts.push(`Du kan kontakte disse om ${caseLabel(c)}:\n\nKontakt:\n${contactBlock(ctx, c).join('\n')}`);
    }
    return { text: lead(ctx, parts.join('\n\n'), 'Here are the people to contact.'), caseIds: ids };
  },

  fact(ctx) {
    const parts: string[] = [];
    const ids: string[] = [];
    for (const c of ctx.targets.slice(0, 2)) {
      const sentences = best(ctx, c, 3);
      if (!sentences.length) continue;
      ids.push(c.id);
      let text = `Om ${caseLabel(c)}: ${citedText(sentences, c, ctx.citations)}`;
      if (ctx.intent.fact === 'partners' && c.organisations.length) text += `\n\nMed i projektet: ${c.organisations.join(', ')}.`;
      parts.push(text);
    }
    return { text: lead(ctx, parts.join('\n\n'), 'Here is what the case says.'), caseIds: ids };
  },

  detail(ctx) {
    const c = ctx.targets[0];
    const chunks = chunksOf(ctx, c);
    const from = (re: RegExp) => chunks.filter((k) => re.test(k.section));
    const pick = (re: RegExp) => best({ ...ctx, intent: { ...ctx.intent, kind: 'topic', fact: null } }, c, 1, from(re));
    const rows: Array<[string, Sentence[]]> = [
      ['Hvad', pick(/løsning|konkret|beskrivelse|artikel/i)],
      ['Resultater', pick(/værdi|resultat|evaluer|effekt/i)],
      ['Ressourcer', pick(/ressourcer/i)],
    ];
    const intro = best({ ...ctx, terms: [] }, c, 1, chunks.slice(0, 1));
    const meta = [c.organisations.slice(0, 3).join(', '), c.year].filter(Boolean).join(', ');
    const lines = [`**${c.title}**${meta ? ` (${meta})` : ''}: ${citedText(intro, c, ctx.citations)}`];
    for (const [label, s] of rows) if (s.length && !intro.some((x) => x.text === s[0].text)) lines.push(`- ${label}: ${citedText(s, c, ctx.citations)}`);
    if (c.contacts.length) lines.push(`\nKontakt:\n${contactBlock(ctx, c).join('\n')}`);
    return { text: lead(ctx, lines.join('\n'), 'Here is an overview of the case.'), caseIds: [c.id] };
  },

  organisation(ctx) {
    const wanted = ctx.intent.organisations.map((o) => o.toLowerCase());
    const cases = ctx.engine.index.cases.filter((c) => c.organisations.some((o) => wanted.includes(o.toLowerCase()))).slice(0, 8);
    if (!cases.length) return { text: '', caseIds: [] };
    const rows = cases.map((c) => {
      const s = best({ ...ctx, terms: [] }, c, 1, chunksOf(ctx, c).slice(0, 1));
      return `- ${caseLabel(c, 3)}: ${citedText(s, c, ctx.citations)}`;
    });
    const who = ctx.intent.organisations[0];
    return { text: lead(ctx, `${who} står bag eller er med i ${cases.length === 1 ? 'denne case' : `${cases.length} cases`}:\n\n${rows.join('\n')}`, `Cases involving ${who}.`), caseIds: cases.map((c) => c.id) };
  },

  topic(ctx) {
    const top = ctx.hits.length ? ctx.hits.filter((h, i) => i === 0 || h.coverage >= 0.3).slice(0, 3) : ctx.targets.slice(0, 1).map((c) => ({ case: c, passages: [] as Array<{ chunk: Chunk }> }));
    const rows: string[] = [];
    const ids: string[] = [];
    for (const h of top) {
      const passages = h.passages.length ? h.passages.map((p) => p.chunk) : chunksOf(ctx, h.case);
      const s = best(ctx, h.case, 2, passages);
      if (!s.length) continue;
      ids.push(h.case.id);
      rows.push(`- ${caseLabel(h.case)}: ${citedText(s, h.case, ctx.citations)}`);
    }
    const n = ids.length;
    const da = `${n === 1 ? 'Jeg fandt én case, der handler om det' : `Jeg fandt ${n} cases, der handler om det`}:\n\n${rows.join('\n')}`;
    return { text: lead(ctx, da, `I found ${n} Danish case${n === 1 ? '' : 's'} on this.`), caseIds: ids };
  },
};

/** The honest no-answer: no case covers the question; nearby topics that do exist are suggested. */
export async function declineText(engine: SearchEngine, question: string, english: boolean): Promise<string> {
  const near = await search(engine, question, { minCoverage: 0, k: 3, mode: 'lexical' });
  const titles = near.hits.map((h) => `«${h.case.title}»`);
  const da = `Jeg kunne ikke finde en case i samlingen, der svarer på det.${titles.length ? ` Nærliggende emner, der findes: ${titles.join(', ')}.` : ''} Prøv at spørge med andre ord, eller om en kommune, en målgruppe eller et fagområde.`;
  return english ? `I could not find a case that answers this. ${da}` : da;
}
