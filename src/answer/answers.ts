import type { AnswerType, LanguageProfile, Phrases } from '../language/profile.js';
import type { CaseHit, SearchEngine } from '../search/hybrid.js';
import type { Case, Chunk } from '../types.js';
import type { Analysis } from './analyse.js';
import { caseLabel, citedText, contactLine, type Citations } from './compose.js';
import { roleOf } from './roles.js';
import { mentionsType, sectionAt, select, type SelectOptions, type Wanted } from './select.js';
import { isNoise, sentencesOf, type Sentence } from './sentences.js';
import { alnumKey } from '../text/normalize.js';
import { foldWord } from '../language/lexicon.js';

/** Everything a writer needs to compose an answer. */
export interface WriteContext {
  engine: SearchEngine;
  analysis: Analysis;
  wanted: Wanted;
  phrases: Phrases;
  profile: LanguageProfile;
  citations: Citations;
  select: SelectOptions;
  /** The question is a follow-up on the case discussed (its text has been shown already). */
  followUp?: boolean;
  /** Several cases were being discussed and the question picks none: each case answers for itself. */
  each?: boolean;
}

/**
 * A writer composes an answer part by part (lead, one part per case, contacts), yielding each
 * part as it is composed so the stream can send it at once; it returns the ids of the cases it
 * is about.
 */
export type Writer = (ctx: WriteContext, cases: Case[]) => Generator<string, string[], void>;

const chunksOf = (ctx: WriteContext, c: Case): Chunk[] => ctx.engine.chunksOfCase.get(c.id) ?? [];

/** A quote of whole lines of a chunk: the lines from `from` to `to` (1-based). */
function linesQuote(chunk: Chunk, from: number, to: number): Sentence {
  const lines = chunk.text.split('\n');
  const a = Math.max(0, from - chunk.lineStart);
  const b = Math.min(lines.length - 1, to - chunk.lineStart);
  const start = lines.slice(0, a).reduce((n, l) => n + l.length + 1, 0);
  const text = lines.slice(a, b + 1).join('\n');
  return { chunk, text, start, end: start + text.length, lineStart: chunk.lineStart + a, lineEnd: chunk.lineStart + b, index: 0 };
}

/** Contact lines of a case, each cited to the lines it is written on. */
function contactLines(ctx: WriteContext, c: Case): string[] {
  const chunks = chunksOf(ctx, c);
  const chunk = chunks.find((k) => k.isContact) ?? chunks.find((k) => c.contacts.some((p) => p.lineStart >= k.lineStart && p.lineEnd <= k.lineEnd));
  return c.contacts.map((p) => `${contactLine(p)}${chunk ? ` ${ctx.citations.cite(linesQuote(chunk, p.lineStart, p.lineEnd), c)}` : ''}`);
}

/** The contact part of an answer: the people to contact, or that none is named (with the case's organisations). */
function contacts(ctx: WriteContext, c: Case): string {
  return c.contacts.length
    ? `${ctx.phrases.contactsFor(caseLabel(c))}\n${contactLines(ctx, c).join('\n')}`
    : ctx.phrases.noContact(caseLabel(c), c.organisations.slice(0, 4));
}

/** The sentence that opens the case's summary (its first describing paragraph), else the best for an overview. */
function introOf(ctx: WriteContext, c: Case): Sentence[] {
  const key = alnumKey(c.summary).slice(0, 60);
  for (const chunk of chunksOf(ctx, c)) {
    if (chunk.isContact) continue;
    const s = sentencesOf(chunk).find((x) => !isNoise(x, ctx.profile) && key.startsWith(alnumKey(x.text).slice(0, 60)));
    if (s) return [s];
  }
  return select(chunksOf(ctx, c), { ...ctx.wanted, type: 'overview', terms: [] }, ctx.engine.index.lexical, c, 1, ctx.select, ctx.profile).sentences;
}

/** The best sentences of a case for the question, as cited text. */
function best(ctx: WriteContext, c: Case, w: Wanted = ctx.wanted, max = 2, chunks = chunksOf(ctx, c)) {
  return select(chunks, w, ctx.engine.index.lexical, c, max, ctx.select, ctx.profile);
}

/** Whether a case holds the asked type at all (money, a number, a date …; always for other types). */
export function mentions(ctx: WriteContext, c: Case): boolean {
  return mentionsType(chunksOf(ctx, c), ctx.wanted, ctx.profile);
}

/**
 * The header line that gives a case's year or period ("ÅRSTAL: 2015 - 2018"), as a sentence of the
 * case's text to cite, or null when its header has none (the year the ingest read from the text
 * alone is no such line).
 */
function yearLine(ctx: WriteContext, c: Case): Sentence | null {
  if (!c.year) return null;
  const labels = new Set(ctx.profile.yearLabels.map((l) => foldWord(l)));
  for (const chunk of chunksOf(ctx, c))
    for (const s of sentencesOf(chunk)) {
      const label = /^\s*([\p{L}]+)\s*:/u.exec(s.text)?.[1];
      if (label && labels.has(foldWord(label)) && s.text.includes(c.year)) return s;
    }
  return null;
}

/** Whether the question has words of its own besides the case's name ("hvornår blev Mindhelper udbredt …" has). */
function asksBeyondName(ctx: WriteContext, c: Case): boolean {
  const title = new Set(foldWord(c.title).split(/[^\p{L}\d]+/u));
  return ctx.analysis.focus.some((f) => !title.has(f.norm));
}

/** A typed fact: the sentence that holds it, or plainly that the case does not mention it, with the nearest sentence. */
const fact: Writer = function* (ctx, cases) {
  const out: string[] = [];
  const asked = ctx.each ? cases : cases.slice(0, 2);
  const founds = new Map(asked.map((c) => [c.id, best(ctx, c)]));
  // asked of several cases discussed, those that state the fact answer; when none does, that is said once for them all
  const stating = ctx.each ? cases.filter((c) => founds.get(c.id)?.mentioned || (ctx.wanted.type === 'date' && yearLine(ctx, c))) : asked;
  if (ctx.each && !stating.length) {
    yield ctx.phrases.noneMention(
      cases.map((c) => `**${c.title}**`),
      ctx.wanted.type,
      ctx.wanted.unit,
    );
    return cases.map((c) => c.id);
  }
  for (const c of stating) {
    const found = founds.get(c.id) ?? best(ctx, c);
    // when the case started or ran ("hvornår gik de i gang?", "hvornår startede Tilbage Til Skole?"): the year its header
    // gives; asked when something in it happened ("fra hvilken dato blev siden drevet af regionerne?"), the sentence of the
    // text that dates it, and the header's year only when no sentence does
    const year = ctx.wanted.type === 'date' ? yearLine(ctx, c) : null;
    if (year && (!found.mentioned || !asksBeyondName(ctx, c))) {
      yield `${out.length ? '\n\n' : ''}${ctx.phrases.caseYear(caseLabel(c))} ${citedText([year], c, ctx.citations)}`;
      out.push(c.id);
      continue;
    }
    if (!found.sentences.length) continue;
    // asked of the case discussed, a figure it does not state is said plainly: its other sentences have been shown, and one
    // more quoted in place of the answer reads as if it were one
    if (!found.mentioned && ctx.followUp) {
      // where to ask instead: the people to contact, or the case's bodies when it names no one
      const ask = c.contacts.length || !c.organisations.length ? ctx.phrases.askPeople : ctx.phrases.askOrganisations(c.organisations.slice(0, 3));
      yield `${out.length ? '\n\n' : ''}${ctx.phrases.notMentioned(`**${c.title}**`, ctx.wanted.type, ctx.wanted.unit)} ${ask}`;
      out.push(c.id);
      continue;
    }
    // a second question joined to the first ("…, og hvor længe afprøves en idé?") gets its sentence too
    const also = ctx.analysis.also ? best(ctx, c, { ...ctx.wanted, type: ctx.analysis.also, unit: ctx.analysis.alsoUnit }, 1) : null;
    const more = also?.mentioned ? also.sentences.filter((x) => !found.sentences.some((f) => f.chunk.id === x.chunk.id && f.start === x.start)) : [];
    const text = citedText([...found.sentences, ...more], c, ctx.citations);
    yield `${out.length ? '\n\n' : ''}${found.mentioned ? `${ctx.phrases.about(caseLabel(c))} ${text}` : `${ctx.phrases.notMentioned(caseLabel(c), ctx.wanted.type, ctx.wanted.unit)} ${ctx.phrases.nearest} ${text}`}`;
    out.push(c.id);
  }
  return out;
};

/** A person: the sentence naming who, when the question asks about more than contact details, then the contact cards. */
const person: Writer = function* (ctx, cases) {
  const c = cases[0];
  // a sentence naming who, when the question asks more than contact details, or the case names no one to contact
  // (a generic word counts: "hvem står for holdene?", "hvem driver den i dag?" ask who does something, not only whom to call)
  const words = [...ctx.analysis.focus.map((f) => f.word), ...ctx.analysis.tokens.filter((t) => t.role === 'generic').map((t) => t.text)];
  const asksMore = !ctx.analysis.contact && words.some((w) => ![c.title, ...c.organisations].some((n) => alnumKey(n).includes(alnumKey(w))));
  // "hvem driver den i dag?" about a case whose label already names its bodies: the sentence saying who does it
  const who = !ctx.analysis.contact && c.organisations.length <= 2;
  if (asksMore || who || !c.contacts.length) {
    const found = best(ctx, c, ctx.wanted, 2);
    if (found.sentences.length) yield `${ctx.phrases.about(caseLabel(c))} ${citedText(found.sentences, c, ctx.citations)}\n\n`;
  } else if (!ctx.analysis.contact && c.organisations.length > 2) {
    // "hvem står bag?": who is behind it is its organisations too, more than the two its label names
    const orgs = c.organisations.length > 6 ? [...c.organisations.slice(0, 5), ctx.phrases.others(c.organisations.length - 5)] : c.organisations;
    yield `${ctx.phrases.partnersOf(`**${c.title}**`, orgs)}\n\n`;
  }
  yield contacts(ctx, c);
  const out = [c.id];
  // the other cases asked about (two cases fit a contact question equally, or several were being discussed): their contacts too
  for (const other of cases.slice(1, ctx.each ? undefined : 2)) {
    yield `\n\n${contacts(ctx, other)}`;
    out.push(other.id);
  }
  return out;
};

/** Partners: the case's organisations, and the sentence that tells who took part. */
const organisations: Writer = function* (ctx, cases) {
  const c = cases[0];
  if (c.organisations.length) yield ctx.phrases.partnersOf(`**${c.title}**`, c.organisations);
  const found = best(ctx, c, ctx.wanted, 2);
  if (found.sentences.length) yield `${c.organisations.length ? ' ' : ''}${citedText(found.sentences, c, ctx.citations)}`;
  return c.organisations.length || found.sentences.length ? [c.id] : [];
};

/** An overview: what the case is, what it does, its results and resources, and whom to contact. */
const overview: Writer = function* (ctx, cases) {
  // asked of several cases discussed ("Hvad går det ud på?" after a list): what each is, in its opening sentence
  if (ctx.each) {
    for (const [i, x] of cases.entries()) yield `${i ? '\n' : ''}- ${caseLabel(x)}: ${citedText(introOf(ctx, x), x, ctx.citations)}`;
    return cases.map((x) => x.id);
  }
  const c = cases[0];
  const chunks = chunksOf(ctx, c);
  const intro = introOf(ctx, c);
  const meta = [c.organisations.slice(0, 2).join(', '), c.year].filter(Boolean).join(', ');
  yield `**${c.title}**${meta ? ` (${meta})` : ''}: ${citedText(intro, c, ctx.citations)}`;
  const rows: Array<[string, AnswerType]> = [
    [ctx.phrases.rows.what, 'method'],
    [ctx.phrases.rows.results, 'result'],
    [ctx.phrases.rows.resources, 'money'],
  ];
  const used = new Set(intro.map((s) => s.text));
  for (const [label, type] of rows) {
    const role = ctx.profile.rolePriors[type]?.[0];
    const inRole = (x: Sentence) => roleOf(sectionAt(c, x.lineStart) ?? x.chunk.section, x.chunk.text, ctx.profile) === role;
    const s = best(ctx, c, { type, unit: null, terms: [] }, 3, chunks)
      .sentences.filter((x) => inRole(x) && !used.has(x.text))
      .slice(0, 1);
    if (!s.length) continue;
    s.forEach((x) => {
      used.add(x.text);
    });
    yield `\n- ${label}: ${citedText(s, c, ctx.citations)}`;
  }
  if (c.contacts.length) yield `\n\n${contacts(ctx, c)}`;
  return [c.id];
};

/** Writers of answers about given cases, by answer type. */
export const WRITERS: Record<AnswerType, Writer> = {
  person,
  organisations,
  overview,
  money: fact,
  quantity: fact,
  percentage: fact,
  date: fact,
  duration: fact,
  frequency: fact,
  place: fact,
  name: fact,
  reason: fact,
  result: fact,
  method: fact,
  advice: fact,
  detail: fact,
  origin: fact,
  spread: fact,
  topic: fact,
};

/** A list of cases, each with the one sentence that best answers the question in it. */
export function* writeList(
  ctx: WriteContext,
  hits: Array<Pick<CaseHit, 'case'> & Partial<Pick<CaseHit, 'passages'>>>,
  lead: (n: number) => string,
): Generator<string, string[], void> {
  // a case in a list is summed up by the sentence that best meets the need (the focus words only), in the passages that matched it
  const need: Wanted = { type: 'topic', unit: null, terms: ctx.engine.index.lexical.queryTerms(ctx.analysis.searchText) };
  const found = hits
    .map((h) => ({ c: h.case, s: best(ctx, h.case, need, 1, h.passages?.length ? h.passages.map((p) => p.chunk) : chunksOf(ctx, h.case)).sentences }))
    .filter((x) => x.s.length);
  if (!found.length) return [];
  yield `${lead(found.length)}\n`;
  for (const { c, s } of found) yield `\n- ${caseLabel(c)}: ${citedText(s, c, ctx.citations)}`;
  return found.map((x) => x.c.id);
}
