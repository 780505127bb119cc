import { search, type SearchEngine } from '../search/hybrid.js';
import type { Case, Chunk } from '../types.js';
import type { AnswerContext } from './ask.js';
import { caseLabel, citedText, contactLine } from './compose.js';
import type { IntentKind } from './intents.js';
import { rankSentences } from './select.js';
import { isNoise, sentencesOf, type Sentence } from './sentences.js';
import { alnumKey } from '../text/normalize.js';

/**
 * A handler writes an answer part by part (lead, one part per case, contacts), yielding each part
 * as it is composed so the stream can send it at once; it returns the ids of the cases it is about.
 */
type Handler = (ctx: AnswerContext) => Generator<string, string[], void>;

const chunksOf = (ctx: AnswerContext, c: Case): Chunk[] => ctx.engine.chunksOfCase.get(c.id) ?? [];

/** The best sentences of a case for the question, at most `n`, with a positive score. */
function best(ctx: AnswerContext, c: Case, n: number, chunks = chunksOf(ctx, c)): Sentence[] {
  const ranked = rankSentences(chunks, ctx.terms, ctx.intent, ctx.engine, c.title, c.organisations);
  return ranked.slice(0, n).filter((r, i) => i === 0 || r.score > 0).map((r) => r.sentence);
}

/** The sentence that opens the case's summary (the first describing paragraph), else the best of its first chunk. */
function introSentence(ctx: AnswerContext, c: Case): Sentence[] {
  const key = alnumKey(c.summary).slice(0, 60);
  for (const chunk of chunksOf(ctx, c)) {
    if (chunk.isContact) continue;
    const s = sentencesOf(chunk).find((x) => !isNoise(x) && key.startsWith(alnumKey(x.text).slice(0, 60)));
    if (s) return [s];
  }
  return best({ ...ctx, terms: [] }, c, 1, chunksOf(ctx, c).slice(0, 1));
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

/** The lead sentence; English questions get an English sentence first. */
const lead = (ctx: AnswerContext, da: string, en: string) => (ctx.intent.english ? `${en} (The cases are in Danish.)${da ? `\n\n${da}` : ''}` : da);

export const HANDLERS: Record<IntentKind, Handler> = {
  *contact(ctx) {
    const cases = ctx.targets.slice(0, 2);
    yield lead(ctx, cases.length > 1 ? 'To cases passer på spørgsmålet.' : '', 'Here are the people to contact.');
    for (const c of cases) {
      if (!c.contacts.length) yield `\n\nTeksten om ${caseLabel(c)} nævner ingen kontaktperson med e-mail eller telefon.`;
      else yield `\n\nDu kan kontakte disse om ${caseLabel(c)}:\n\nKontakt:\n${contactBlock(ctx, c).join('\n')}`;
    }
    return cases.map((c) => c.id);
  },

  *fact(ctx) {
    const found = ctx.targets.slice(0, 2).map((c) => ({ c, sentences: best(ctx, c, 3) })).filter((x) => x.sentences.length);
    if (!found.length) return [];
    yield lead(ctx, '', 'Here is what the case says.');
    for (const { c, sentences } of found) {
      let text = `Om ${caseLabel(c)}: ${citedText(sentences, c, ctx.citations)}`;
      if (ctx.intent.fact === 'partners' && c.organisations.length) text += `\n\nMed i projektet: ${c.organisations.join(', ')}.`;
      yield `\n\n${text}`;
    }
    return found.map((x) => x.c.id);
  },

  *detail(ctx) {
    const c = ctx.targets[0];
    const chunks = chunksOf(ctx, c);
    const topic = { ...ctx, intent: { ...ctx.intent, kind: 'topic' as const, fact: null } };
    const pick = (re: RegExp) => best(topic, c, 1, chunks.filter((k) => re.test(k.section)));
    const intro = introSentence(ctx, c);
    const meta = [c.organisations.slice(0, 3).join(', '), c.year].filter(Boolean).join(', ');
    yield lead(ctx, `**${c.title}**${meta ? ` (${meta})` : ''}: ${citedText(intro, c, ctx.citations)}`, 'Here is an overview of the case.');
    const rows: Array<[string, RegExp]> = [
      ['Hvad', /løsning|konkret|beskrivelse|artikel/i],
      ['Resultater', /værdi|resultat|evaluer|effekt/i],
      ['Ressourcer', /ressourcer/i],
    ];
    for (const [label, re] of rows) {
      const s = pick(re);
      if (s.length && !intro.some((x) => x.text === s[0].text)) yield `\n- ${label}: ${citedText(s, c, ctx.citations)}`;
    }
    if (c.contacts.length) yield `\n\nKontakt:\n${contactBlock(ctx, c).join('\n')}`;
    return [c.id];
  },

  *organisation(ctx) {
    const wanted = ctx.intent.organisations.map((o) => o.toLowerCase());
    const cases = ctx.engine.index.cases.filter((c) => c.organisations.some((o) => wanted.includes(o.toLowerCase()))).slice(0, 8);
    if (!cases.length) return [];
    const who = ctx.intent.organisations[0];
    yield lead(ctx, `${who} står bag eller er med i ${cases.length === 1 ? 'denne case' : `${cases.length} cases`}:\n`, `Cases involving ${who}.`);
    for (const c of cases) {
      const s = introSentence(ctx, c);
      yield `\n- ${caseLabel(c, 3)}: ${citedText(s, c, ctx.citations)}`;
    }
    return cases.map((c) => c.id);
  },

  *topic(ctx) {
    const top = ctx.hits.length
      ? ctx.hits.filter((h, i) => i === 0 || h.coverage >= 0.3).slice(0, 3).map((h) => ({ c: h.case, chunks: h.passages.map((p) => p.chunk) }))
      : ctx.targets.slice(0, 1).map((c) => ({ c, chunks: chunksOf(ctx, c) }));
    const found = top.map((x) => ({ c: x.c, sentences: best(ctx, x.c, 2, x.chunks.length ? x.chunks : chunksOf(ctx, x.c)) })).filter((x) => x.sentences.length);
    if (!found.length) return [];
    const n = found.length;
    yield lead(ctx, n === 1 ? 'Jeg fandt én case, der handler om det:\n' : `Jeg fandt ${n} cases, der handler om det:\n`, `I found ${n} Danish case${n === 1 ? '' : 's'} on this.`);
    for (const { c, sentences } of found) yield `\n- ${caseLabel(c)}: ${citedText(sentences, c, ctx.citations)}`;
    return found.map((x) => x.c.id);
  },
};

/** The honest no-answer: no case covers the question; nearby topics that do exist are suggested. */
export async function declineText(engine: SearchEngine, question: string, english: boolean): Promise<string> {
  const near = await search(engine, question, { minCoverage: 0, anchoredCoverage: 0, k: 3, mode: 'lexical' });
  const titles = near.hits.map((h) => `«${h.case.title}»`);
  const da = `Jeg kunne ikke finde en case i samlingen, der svarer på det.${titles.length ? ` Nærliggende emner, der findes: ${titles.join(', ')}.` : ''} Prøv at spørge med andre ord, eller om en kommune, en målgruppe eller et fagområde.`;
  return english ? `I could not find a case that answers this. ${da}` : da;
}
