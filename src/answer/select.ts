import { Memo, memoPerOwner } from '../cache.js';
import { MEMO_LIMITS } from '../config.js';
import type { QueryTerm } from '../index/bm25.js';
import { danish } from '../language/da.js';
import { cuesOf, foldWord, headNounsOf, isForm, isFormOfAny, lexiconOf, type Lexicon } from '../language/lexicon.js';
import type { AnswerType, LanguageProfile } from '../language/profile.js';
import type { LexicalIndex } from '../index/bm25.js';
import { analyseWords, splitCompound, term } from '../text/analyse.js';
import { alnumKey, squash } from '../text/normalize.js';
import type { Case, Chunk } from '../types.js';
import { roleOf } from './roles.js';
import { isNoise, joinSentences, LIST_ITEM, sentencesOf, type Sentence } from './sentences.js';
import { spansOf, type PersonJudge, type Span } from './spans.js';

/** What selection needs to know of a case: the words that name it, and its sections (a sentence's role is its section's). */
export type CaseInfo = Pick<Case, 'title' | 'organisations' | 'sections'>;

/** The name of the case's section a line stands in (sections are in order), or null. */
export function sectionAt(c: Pick<Case, 'sections'>, line: number): string | null {
  let name: string | null = null;
  for (const s of c.sections) if (s.lineStart <= line) name = s.name;
  return name;
}

/** What an answer looks for in a case's sentences. */
export interface Wanted {
  type: AnswerType;
  /** For quantity: the folded noun counted. */
  unit: string | null;
  /** The question's words as query terms (stems, compound parts, corrections), focus and scaffolding alike. */
  terms: QueryTerm[];
  /** Sentences just quoted ("chunk id:offset", see `sentenceKey`): a follow-up is answered with something new. */
  said?: ReadonlySet<string>;
  /** Which capitalised runs name a person (see `personJudge`); without it, any run of two or more does. */
  isPerson?: PersonJudge;
  /** The noun after "hvilken"/"hvilke" ("minister" in "hvilken minister roste …"): a sentence that names one answers more likely. */
  head?: string | null;
  /** For quantity: people are counted ("hvor mange fik et lån?"), so a number of people is the answer. */
  people?: boolean;
  /** For money: an amount is asked for ("hvad kostede det?"), so a sentence that only says who paid does not state it. */
  amount?: boolean;
  /** Where the question places the figure in time (see `Analysis.when`). */
  when?: 'soFar' | 'expected' | null;
}

/** A sentence's key: its chunk and its offset there. */
export const sentenceKey = (s: Pick<Sentence, 'chunk' | 'start'>): string => `${s.chunk.id}:${s.start}`;

/** Weights of sentence selection. */
export interface SelectOptions {
  /** Weight of a typed span of the asked type (money, a number with the asked unit, a date…). Default 4. */
  typeWeight: number;
  /** Weight of the answer type's sentence cues ("gratis" for money), at most one. Default 1. */
  cueWeight: number;
  /** Weight of the section role prior: the first role the type expects gets all of it, the second 0.6, the third 0.3. Default 1. */
  roleWeight: number;
  /** Discount of a word that only names the case (its title, its organisations). Default 0.25. */
  namingDiscount: number;
  /** Penalty of a quoted opinion ("”Det gør os stolte …"). Default 0.8. */
  quotePenalty: number;
  /** A second sentence is added when it scores at least this share of the best and holds the asked type. Default 0.6. */
  secondShare: number;
  /** Credit of a word whose stem begins or ends another of the sentence's ("udvikling" ~ "udvikler"): the same word family. Default 0.7. */
  familyCredit: number;
  /** Weight of the share of the question's words (IDF-weighted) a sentence holds. Default 5. */
  matchWeight: number;
  /** Share of the previous sentence's match a sentence gets: its context. Default 0.5. */
  contextShare: number;
  /**
   * Penalty of a sentence quoted in the answer just before, less as it holds the asked type: "tell
   * me more" gets new sentences, "which other themes?" may get the enumeration shown before. Default 2.
   */
  repeatPenalty: number;
  /** Weight of the question's head noun in a sentence, in any form or as a compound's tail ("innovationsminister" for "hvilken minister"). Default 1. */
  headWeight: number;
  /**
   * Weight of a sentence right after one the last answer quoted, for an open follow-up ("Hvad gjorde de
   * konkret?" after "… har godt tag i de unge"): the asker goes on from what was read, and the next
   * sentence tells it ("De er nu involveret i centret via en filmklub …"). Default 1, as much as a
   * section role: at 0.5 no answer of dev or the held-out sets changed; at 1 two facts more were found
   * (one of dev, one of held-out 1) and none lost; at 1.5 a sentence that named the asked guide lost
   * to the next sentence.
   */
  continueWeight: number;
  /**
   * Added, times its typed weight, to a sentence that places its figure where the question does in time ("indtil videre"
   * for "… har været igennem?"). Default 1.
   */
  timeWeight: number;
  /** Share of its typed weight a planned figure keeps when the question asks what has happened so far. Default 0.5. */
  otherTimeShare: number;
}

export const defaultSelectOptions: SelectOptions = {
  typeWeight: 4,
  cueWeight: 1,
  roleWeight: 1,
  namingDiscount: 0.25,
  quotePenalty: 0.8,
  secondShare: 0.6,
  familyCredit: 0.7,
  matchWeight: 5,
  contextShare: 0.5,
  repeatPenalty: 2,
  headWeight: 1,
  continueWeight: 1,
  timeWeight: 1,
  otherTimeShare: 0.5,
};

/**
 * The open answer types a follow-up continues from the last quote: "Hvad gjorde de konkret?", "Hvordan
 * foregår det?", "Fortæl mere". A list of cases (topic) opens each case anew; a typed fact is found by its span.
 */
const CONTINUED: ReadonlySet<AnswerType> = new Set(['detail', 'method', 'overview']);

/** The answer types whose figure a time cue places: a count, a share, a sum. */
const TIMED: ReadonlySet<AnswerType> = new Set(['quantity', 'percentage', 'money']);

/** Whether a sentence holds a word of the same family as a term: one stem begins the other, both five letters or more. */
function family(term: string, ts: ReadonlySet<string>): boolean {
  if (term.length < 5) return false;
  for (const t of ts) if (t.length >= 5 && t !== term && (t.startsWith(term) || term.startsWith(t))) return true;
  return false;
}

/** The answer types that ask for a typed fact: a case without such a span "does not mention" it. */
export const TYPED: ReadonlySet<AnswerType> = new Set(['money', 'quantity', 'percentage', 'date', 'duration', 'frequency']);

/** A sentence with its score and how well it holds the asked type (0..1). */
export interface ScoredSentence {
  sentence: Sentence;
  score: number;
  typed: number;
}

const TERMS_OF = memoPerOwner<LexicalIndex, string, ReadonlySet<string>>(MEMO_LIMITS.sentenceTerms);

/** The analysed terms of a text, with the parts of its compounds (computed once per text and index). */
function termsOf(text: string, lex: LexicalIndex): ReadonlySet<string> {
  return TERMS_OF(lex).get(text, () => {
    const out = new Set<string>();
    const has = (t: string) => lex.has(t);
    for (const { word, term } of analyseWords(text)) {
      out.add(term);
      if (word.length >= 9) for (const p of splitCompound(word, has) ?? []) out.add(p);
    }
    return out;
  });
}

const FOLDED = new Memo<string, string[]>(MEMO_LIMITS.words);
const CUES = memoPerOwner<LanguageProfile, string, HeldCues>(MEMO_LIMITS.words);

/** The cues a sentence holds: their strength by type, and for money, how strongly it says what it cost (not only who paid). */
interface HeldCues {
  types: ReadonlyMap<AnswerType, number>;
  cost: number;
  /** Where the text places what it says in time (`timeCues`): planned or hoped for before so far, else null. */
  time: 'soFar' | 'expected' | null;
}

/**
 * How a sentence holds the head noun of a "hvilken …" question: 1 for a form of it, 1.5 when that
 * form is written with a capital inside the sentence, as part of a name ("Blågårdens Bibliotek"
 * answers "hvilket bibliotek?"), 0 without it.
 */
export function headScore(text: string, head: string, lx: Lexicon): number {
  const folded = foldedWords(text);
  // a head of several words or joined by a hyphen ("start-up") is found as written, word for word
  const parts = head.split(/[^\p{L}]+/u).filter(Boolean);
  const at = (i: number) => (parts.length > 1 ? parts.every((p, k) => folded[i + k] === p) : isForm(folded[i], head, lx, true));
  if (!parts.length || !folded.some((_, i) => at(i))) return 0;
  const words = text.split(/[^\p{L}]+/u).filter(Boolean);
  const named = (i: number) => i > 0 && /^\p{Lu}/u.test(words[i] ?? '');
  let score = 0;
  folded.forEach((_, i) => {
    if (!at(i)) return;
    // part of a name ("Blågårdens Bibliotek"), or a name right after it ("start-up virksomheden Motes"); most when names
    // are listed right after it ("følgende kommuner: Favrskov, Hedensted, Horsens …"), the answer to "hvilke kommuner"
    const end = i + Math.max(1, parts.length) - 1;
    const listed = named(end + 1) && [2, 3, 4].filter((k) => named(end + k)).length >= 2;
    score = Math.max(score, listed ? 2 : named(i) || [1, 2].some((k) => named(end + k)) ? 1.5 : 1);
  });
  return score;
}

/** The folded words of a text (computed once per text). */
function foldedWords(text: string): string[] {
  return FOLDED.get(text, (t) =>
    t
      .split(/[^\p{L}]+/u)
      .filter(Boolean)
      .map(foldWord),
  );
}

/**
 * The answer types whose sentence cues a text holds, each with the cue's strength: 1 for a cue that
 * states the fact ("gratis"), `WEAK_CUE` for one that is only about its topic ("budget"). Worked out
 * once per text, for all types at once. A capitalised word inside the sentence is a name, no cue:
 * "Bikubenfonden" says nothing of money, "fonden gav 2 mio. kr." does.
 */
function cuesHeld(text: string, profile: LanguageProfile, lex: ReturnType<typeof lexiconOf>): HeldCues {
  return CUES(profile).get(text, () => {
    const words = text
      .split(/[^\p{L}]+/u)
      .filter((w, i) => w && (i === 0 || !/^\p{Lu}/u.test(w)))
      .map(foldWord);
    // a cue of several words ("sammen med", "økonomisk støtte") is those words in a row, each in any form
    const at = (i: number, phrase: string[]) => phrase.every((p, k) => i + k < words.length && isForm(words[i + k], p, lex, k === phrase.length - 1));
    const holds = (phrases: string[][]) => words.some((_, i) => phrases.some((p) => at(i, p)));
    // a weak cue negated states the fact: "koster ikke kommunen ekstra penge"
    const negated = (i: number, n: number) => words.slice(Math.max(0, i - NEGATION_REACH), i + n + NEGATION_REACH).some((w) => lex.negations.has(w));
    const held = new Map<AnswerType, number>();
    for (const [type, phrases] of lex.weakSentenceCues)
      for (let i = 0; i < words.length && held.get(type) !== 1; i++) for (const p of phrases) if (at(i, p)) held.set(type, negated(i, p.length) ? 1 : WEAK_CUE);
    const weakMoney = held.get('money') ?? 0;
    for (const [type, phrases] of lex.sentenceCues) if (holds(phrases)) held.set(type, 1);
    // what it cost: a money cue other than who paid ("gratis"), or a weak one negated ("ingen ekstra udgifter"); a cue of
    // who paid alone ("finansieret af …") is as weak as one only about money
    const cost = holds(lex.costCues) ? 1 : Math.max(weakMoney, held.get('money') === 1 ? WEAK_CUE : 0);
    return { types: held, cost, time: holds(lex.timeCues.expected) ? 'expected' : holds(lex.timeCues.soFar) ? 'soFar' : null };
  });
}

/** How many words from a weak cue a negation may stand to make it state the fact ("koster ikke kommunen ekstra penge"). */
const NEGATION_REACH = 2;

/** How much a cue that is only about a type's topic ("budget", "koster" of something else) counts against one that states the fact. */
const WEAK_CUE = 0.6;

/** Whether a text holds one of an answer type's sentence cues, weak or not. */
function holdsCue(text: string, type: AnswerType, profile: LanguageProfile, lex: ReturnType<typeof lexiconOf>): boolean {
  return cuesHeld(text, profile, lex).types.has(type);
}

/** The strength of the answer type's cue a text holds (see `cuesHeld`), 0 without one. */
function cueStrength(text: string, type: AnswerType, profile: LanguageProfile, lex: ReturnType<typeof lexiconOf>): number {
  return cuesHeld(text, profile, lex).types.get(type) ?? 0;
}

/**
 * Whether a number's unit is the unit asked for: the same word in another form ("elever" ~ "elev"),
 * or one the tail of the other as a compound ("9 forløb" answers "hvor mange sprogforløb"). Compared
 * as stems, so endings do not matter.
 */
export function sameUnit(got: string, asked: string): boolean {
  const stem = (x: string) => term(foldWord(x), NO_STOP_WORDS) ?? foldWord(x);
  const [a, b] = [stem(got), stem(asked)];
  return a === b || (a.length >= 4 && b.endsWith(a)) || (b.length >= 4 && a.endsWith(b));
}

const NO_STOP_WORDS: ReadonlySet<string> = new Set();

/** How well a sentence's spans hold the asked type: 1 for a span of the type (with the asked unit for quantities), less for near kinds. */
export function typeScore(
  spans: Span[],
  text: string,
  w: Pick<Wanted, 'type' | 'unit' | 'isPerson' | 'people' | 'amount' | 'head'>,
  profile: LanguageProfile = danish,
): number {
  const has = (k: Span['kind']) => spans.some((s) => s.kind === k && (k !== 'person' || !w.isPerson || w.isPerson(s.text)));
  const lex = lexiconOf(profile);
  const cue = (t: AnswerType) => holdsCue(text, t, profile, lex);
  switch (w.type) {
    case 'money':
      // with no amount: a cue that says what it cost or who paid ("gratis", "finansieret af"), less one only about money ("budget")
      // (asked how much, a sentence that only says who paid, "finansieret af Sundhedsstyrelsen", counts as weak)
      return has('money') ? 1 : 0.7 * (w.amount ? cuesHeld(text, profile, lex).cost : cueStrength(text, 'money', profile, lex));
    case 'quantity': {
      // a year is no count, nor is a sum ("30.000 kr.")
      const sums = new Set(spans.filter((s) => s.kind === 'money').map((s) => s.start));
      // nor is a vague amount ("én eller flere aktører"): a number, a conjunction, a quantifier
      const vague = (s: Span) => !!s.unit && lex.conjunctions.has(s.unit) && !!s.unitAfter && lex.quantifiers.has(s.unitAfter);
      const numbers = spans.filter((s) => s.kind === 'number' && !/^(19|20)\d\d\b/.test(s.text) && !sums.has(s.start) && !vague(s));
      const asked = w.unit;
      // the unit counted may stand after a name ("fire Virtual Reality film"), a title in quotes or words that describe it
      // ("8 åbne 'Lær at borgerdesigne' workshops"); not past a closed word or another number ("5 skoler med elever" counts
      // schools), nor past the end of its clause ("i to spor: Borgere og …"); a number written together with a word
      // ("2-6-årige børn") counts that word, an age
      const after = (s: Span) => {
        const [first, ...words] = text
          .slice(s.start)
          .replace(QUOTED, ' ')
          .split(/[,:;.!?()](?=\s|$)/u)[0]
          .split(/[^\p{L}\d-]+/u)
          .slice(0, 1 + UNIT_REACH);
        if (/\d/.test(first) && /\p{L}/u.test(first)) return [];
        const open = words.findIndex((x) => lex.closed.has(foldWord(x)) || /\d/.test(x));
        return open < 0 ? words : words.slice(0, open);
      };
      if (asked && numbers.some((s) => [s.unit, s.unitAfter, ...after(s)].some((u) => u && sameUnit(u, asked)))) return 1;
      // cases counted under another of their names: "hvor mange eksempler …?" — "400 cases", "hvor mange forsøg …?" — "22 projekter"
      const caseNoun = (u: string) => isFormOfAny(foldWord(u), lex.listNouns, lex, true);
      if (asked && caseNoun(asked) && numbers.some((s) => [s.unit, s.unitAfter].some((u) => u && caseNoun(u)))) return NAMED_OTHERWISE;
      // people counted ("hvor mange fik et lån?"): a number of people ("13 personer"); so, in part, when the people asked
      // for are named otherwise ("hvor mange ledige fik et lån?")
      const counts = (nouns: (u: string) => boolean) => numbers.some((s) => [s.unit, s.unitAfter].some((u) => u && nouns(u)));
      // (those taking part may be bodies: "hvor mange er med?" — "12 sjællandske kommuner")
      if (w.people && counts((u) => isPeople(u, profile) || isFormOfAny(foldWord(u), headNounsOf(lex, 'organisations'), lex, true))) return 1;
      if (asked && isPeople(asked, profile) && counts((u) => isPeople(u, profile, 'anyPeople'))) return NAMED_OTHERWISE;
      // with nothing counted named, a sum answers "hvor meget kan de låne?" and a share "hvor meget faldt det?"; a share of
      // the things or people counted answers in part ("hvor mange bestod?": "82 procent"), and so may a sum the size of a
      // thing ("hvor stort et lån …?")
      // ("79 procent af innovationerne" is a share of something else than "hvor mange unge")
      const shares = spans.filter((s) => s.kind === 'percentage' && !sharesOther(s, text, asked, w.people, lex, profile));
      const share = shares.length ? (asked || w.people ? 0.6 : 1) : 0;
      // (a sum is the size only of a thing counted in money: "hvor stort et lån", not "hvor meget faldt antallet af magtanvendelser")
      const sum = !has('money') || w.people ? 0 : !asked ? 1 : countedInMoney(asked, lex) ? 0.6 : 0;
      // with a unit asked, a number that counts something else ("29 kommuner" for "hvor mange genindlæggelser") does not answer
      if (asked && numbers.length && numbers.every((s) => countsOther(rangeEnd(s, numbers), w.people, lex, profile))) return 0.4;
      // a bare number may be the count; with nothing counted named, a sentence counting several things answers
      // "hvor stort er det blevet?" best (0.6 for one number, 0.8 for two, 1 from three)
      const counted = !numbers.length ? 0 : !asked && !w.people ? Math.min(1, (2 + numbers.length) / 5) : 0.6;
      return Math.max(share, sum, counted);
    }
    case 'percentage':
      return has('percentage') ? 1 : 0;
    case 'date':
      return has('date') ? 1 : 0;
    case 'duration':
      return has('duration') ? 1 : has('date') ? 0.3 : 0;
    case 'frequency':
      return has('frequency') ? 1 : has('duration') ? 0.3 : 0;
    case 'place':
      return has('place') ? 1 : has('name') ? 0.3 : 0;
    case 'name': {
      // "hvilke faggrupper …?": the roles a sentence lists ("socialrådgiver, psykolog og sygeplejerske"), two or more
      const roles =
        w.head && isFormOfAny(foldWord(w.head), lex.professionKinds, lex, true)
          ? new Set(foldedWords(text).filter((x) => isFormOfAny(x, lex.personNouns, lex, true))).size
          : 0;
      return Math.max(names(spans) ? Math.min(1, 0.4 + 0.2 * names(spans)) : 0, enumeration(text), roles >= 2 ? 1 : roles * 0.5);
    }
    case 'person':
      // a person's name, else a role ("kommunens jurist", "projektlederen"), else the name of a body that did it ("Mandag Morgen") or a cue of the type
      if (has('person')) return 1;
      if (foldedWords(text).some((x) => isFormOfAny(x, lex.personNouns, lex, true))) return 0.7;
      return spans.some((s) => s.kind === 'person') || cue('person') ? 0.6 : 0;
    case 'organisations':
      // the more organisations a sentence names, the more it answers who took part
      return Math.min(1, 0.3 * names(spans) + (cue('organisations') ? 0.4 : 0));
    case 'spread':
      // "Konceptet er nu udbredt til Tampere og Barcelona": a cue of spread, best with the places or bodies it reached
      return cue('spread') ? (has('place') || has('name') ? 1 : 0.7) : 0;
    case 'origin':
      // "inspirationen er fundet i Larvik i Norge": a cue of origin with the place or body it came from
      return cue('origin') ? (has('place') || has('name') ? 1 : 0.7) : 0;
    case 'result':
      // results are often counted
      return has('percentage') ? 0.6 : spans.some((s) => s.kind === 'number' && !/^(19|20)\d\d\b/.test(s.text)) ? 0.3 : 0;
    default:
      return 0;
  }
}

/** Whether a noun counted is a thing of money ("lån", "budget", "tilskud"): a money head noun or a money cue. */
function countedInMoney(noun: string, lex: Lexicon): boolean {
  const n = foldWord(noun);
  return isFormOfAny(n, headNounsOf(lex, 'money'), lex, true) || cuesOf(lex, 'money').some((p) => p.length === 1 && isForm(n, p[0], lex, true));
}

/**
 * How well a count answers one of the same kind named otherwise: people ("13 personer" for "hvor mange ledige"), or
 * cases under another of the nouns for cases ("400 cases" for "hvor mange eksempler").
 */
const NAMED_OTHERWISE = 0.8;

/** How many words may stand between a number and its unit: of a name ("fire Virtual Reality film") or describing it ("8 åbne workshops"). */
const UNIT_REACH = 3;

/** A title in quotes ("'Lær at borgerdesigne'", «Spisevenner»): a name of a few words, which may stand between a number and its unit. */
const QUOTED = /(?<![\p{L}])'[^'\n]{1,60}'(?![\p{L}])|"[^"\n]{1,60}"|«[^»\n]{1,60}»|“[^”\n]{1,60}”|‘[^’\n]{1,60}’/gu;

/** Distinct names in a sentence. */
const names = (spans: Span[]) => new Set(spans.filter((s) => s.kind === 'name').map((s) => s.text)).size;

/** How much a sentence enumerates things: 0 below three items, more the more items it lists (commas or list marks). */
function enumeration(text: string): number {
  const items = (text.match(/,\s|\n\s*[-•*]/g) ?? []).length + 1;
  return items < 3 ? 0 : Math.min(0.9, 0.3 + 0.15 * (items - 2));
}

const WORD_COUNTS = new WeakMap<Sentence, number>();

/** The number of words in a sentence (runs of non-space), remembered per sentence of the index. */
function wordsIn(s: Sentence): number {
  let n = WORD_COUNTS.get(s);
  if (n === undefined) WORD_COUNTS.set(s, (n = s.text.split(/\s+/).length));
  return n;
}

/**
 * Ranks the sentences of `chunks` for a question by three things: how well each holds the asked
 * answer type (typed spans, the type's sentence cues), how well it matches the question's words
 * (IDF-weighted, through stems and compound parts; words found in most of the case's sentences
 * or that only name the case count less), and the role of its section (a prior per answer type).
 * Headings, attributions, captions and contact lines are left out.
 */
export function rankSentences(
  chunks: Chunk[],
  w: Wanted,
  lex: LexicalIndex,
  c: CaseInfo,
  options: SelectOptions = defaultSelectOptions,
  profile: LanguageProfile = danish,
): ScoredSentence[] {
  const titleKey = alnumKey(c.title);
  const namingTerms = termsOf([c.title, ...c.organisations].join(' '), lex);
  const candidates: Array<{ s: Sentence; chunk: Chunk; ts: ReadonlySet<string> }> = [];
  for (const chunk of chunks) {
    if (chunk.isContact) continue;
    for (const s of sentencesOf(chunk)) {
      // the title is no answer
      if (isNoise(s, profile) || (s.text.length < c.title.length + 8 && alnumKey(s.text) === titleKey)) continue;
      candidates.push({ s, chunk, ts: termsOf(s.text, lex) });
    }
  }
  // a word found in most sentences of the case names the case; the words found in few point at the answer
  const inSentences = new Map(w.terms.map((q) => [q.term, candidates.filter((c) => c.ts.has(q.term)).length]));
  const priors = profile.rolePriors[w.type] ?? [];
  const lx = lexiconOf(profile);
  // the question's weight: a sentence's match is the share of it that the sentence holds
  const total = lex.mass(w.terms) || 1;
  const matchOf = (ts: ReadonlySet<string>, words: number) => {
    let match = 0;
    for (const q of w.terms) {
      if (q.kind === 'unknown') continue;
      const credit = ts.has(q.term) ? 1 : family(q.term, ts) ? options.familyCredit : 0;
      if (!credit) continue;
      const share = (inSentences.get(q.term) ?? 0) / Math.max(1, candidates.length);
      match += credit * q.weight * lex.idf(q.term) * (1.15 - share) * (namingTerms.has(q.term) ? options.namingDiscount : 1);
    }
    return match / total / Math.sqrt(Math.max(8, words) / 8) ** 0.5;
  };
  const matches = candidates.map((c) => matchOf(c.ts, wordsIn(c.s)));
  const askedHead = w.head ? foldWord(w.head) : null;
  const out: ScoredSentence[] = [];
  for (const [k, { s, chunk }] of candidates.entries()) {
    const words = wordsIn(s);
    // a sentence right after one that holds the question's words often answers it ("Tidligere tog det typisk 3 timer.")
    const prev = k > 0 && candidates[k - 1].s.chunk === chunk && candidates[k - 1].s.index === s.index - 1 ? matches[k - 1] : 0;
    const match = options.matchWeight * (matches[k] + options.contextShare * prev);
    const typed = typeScore(spansOf(s.text, profile), s.text, w, profile);
    const cue = holdsCue(s.text, w.type, profile, lx) ? 1 : 0;
    // the head noun asked after ("hvilket bibliotek …"): more when it is part of a name inside the sentence ("Blågårdens Bibliotek")
    const head = askedHead ? headScore(s.text, askedHead, lx) : 0;
    const rank = priors.indexOf(roleOf(sectionAt(c, s.lineStart) ?? chunk.section, chunk.text, profile));
    const role = rank < 0 ? 0 : ([1, 0.6, 0.3][rank] ?? 0);
    // a figure asked "so far" is stated by what has happened, not by what is planned, and one asked of the plans the other way
    const time = w.when && TIMED.has(w.type) ? cuesHeld(s.text, profile, lx).time : null;
    const timedType = w.when === 'soFar' && time === 'expected' ? typed * options.otherTimeShare : typed;
    let score = match + options.typeWeight * timedType + options.cueWeight * cue + options.roleWeight * role + options.headWeight * head;
    if (time && time === w.when) score += options.timeWeight * typed;
    // the sentence right after one just quoted goes on from what the asker has read ("Hvad gjorde de konkret?")
    const before = k > 0 ? candidates[k - 1].s : null;
    if (CONTINUED.has(w.type) && before?.chunk === chunk && before.index === s.index - 1 && w.said?.has(sentenceKey(before))) score += options.continueWeight;
    if (/^[”"“*]/u.test(s.text.trim())) score -= options.quotePenalty; // pull quotes: opinion, not description
    if (words > 70) score -= 0.5;
    if (w.said?.has(sentenceKey(s))) score -= options.repeatPenalty * (1 - typed);
    out.push({ sentence: s, score, typed });
  }
  return out.sort((a, b) => b.score - a.score || a.sentence.chunk.charStart - b.sentence.chunk.charStart || a.sentence.start - b.sentence.start);
}

/**
 * Whether a sentence opening with these words leans on the one before it: "Den …", "Derfor …",
 * "Derigennem …"; not an article before a superlative or a quantifier ("Den billigste robot …",
 * "De fleste …"), nor the formal subject before an auxiliary or a passive ("Der er …", "Der arbejdes
 * …"), which open a sentence of their own.
 */
export function leansBack(word: string, profile: LanguageProfile = danish, next = ''): boolean {
  const first = foldWord(word);
  const lex = lexiconOf(profile);
  const after = foldWord(next);
  const determiner =
    lex.determiners.has(first) &&
    after.length > 3 &&
    (profile.grammar.superlativeEndings.some((e) => after.endsWith(e)) || profile.closed.quantifiers.some((q) => foldWord(q) === after));
  if (determiner) return false;
  // "Der er …", "Der har været …", "Der arbejdes …": the formal subject before an auxiliary or a passive points at nothing
  const formal = lex.expletives.has(first) && (lex.auxiliaries.has(after) || (after.length > 4 && after.endsWith('es')));
  if (formal) return false;
  if (profile.leaningOpeners.some((w) => foldWord(w) === first)) return true;
  const prefix = profile.pointingPrefixes.find((p) => first.startsWith(p));
  return prefix !== undefined && profile.closed.prepositions.some((p) => foldWord(p) === first.slice(prefix.length));
}

/** A sentence that leans on the one before it brings it along, so the quote reads on its own. */
export function withLead(s: Sentence, profile: LanguageProfile = danish): Sentence {
  // a quotation opens new speech: its "Her …" points into what the speaker says, not at the sentence before
  if (s.index === 0 || /^[”"“„«]/u.test(s.text.trim())) return s;
  const [first = '', next = ''] = s.text.trim().match(/\p{L}+/gu) ?? [];
  if (!leansBack(first, profile, next)) return s;
  const prev = sentencesOf(s.chunk)[s.index - 1];
  return prev && !isNoise(prev, profile) ? joinSentences(prev, s) : s;
}

/**
 * A short sentence right after a quoted one that leans on it ("… men får ikke betaling for de ekstra
 * timer. Det gør hun frivilligt.") finishes what it says, and is quoted with it, as is a short one
 * that makes the comparison ("… kun har brugt 15 minutter. Tidligere tog det typisk 3 timer."); so
 * is whatever a quoted sentence announces with a colon.
 */
export function withTail(s: Sentence, profile: LanguageProfile = danish, maxLength = 60, tails = 2): Sentence {
  const next = sentencesOf(s.chunk).find((x) => x.start >= s.end);
  if (!next || tails <= 0) return s;
  // a sentence ending in a colon announces what follows ("Ministeren siger:" / "”Normalt …”")
  if (s.text.trim().endsWith(':')) return joinSentences(s, next);
  const [first = '', second = ''] = next.text.trim().match(/\p{L}+/gu) ?? [];
  if (profile.fragmentOpeners.some((w) => foldWord(w) === foldWord(first))) return withTail(joinSentences(s, next), profile, maxLength, tails - 1);
  if (next.text.trim().length > maxLength) return s;
  const compares = profile.comparisonOpeners.some((w) => foldWord(w) === foldWord(first));
  // a tail may have its own ("… 15 minutter på at behandle emnet. Fordi der er tillid hele vejen rundt. Tidligere tog det 3 timer.")
  return compares || leansBack(first, profile, second) ? withTail(joinSentences(s, next), profile, maxLength, tails - 1) : s;
}

/**
 * An item of a short list ("- Hav fokus på den mentale forberedelse." / "- Træn så realistisk som
 * muligt.") is quoted with the rest of its list: the items say together what the list is about.
 * Lists of more than `maxItems` items or `maxLength` characters keep the one item.
 */
export function withList(s: Sentence, maxItems = 6, maxLength = 500): Sentence {
  if (!LIST_ITEM.test(s.text)) return s;
  const all = sentencesOf(s.chunk);
  const item = (i: number) => i >= 0 && i < all.length && LIST_ITEM.test(all[i].text) && !all[i].text.includes('\n');
  let [first, last] = [s.index, s.index];
  while (item(first - 1)) first--;
  while (item(last + 1)) last++;
  if (last === first || last - first + 1 > maxItems || all[last].end - all[first].start > maxLength) return s;
  return joinSentences(all[first], all[last]);
}

/** The last number of a range the number begins ("fra 63 til 85 procent", "17 eller 28 procent"), which says what both count; else the number. */
function rangeEnd(s: Span, numbers: Span[]): Span {
  // the number's "unit" is the word between ("til", "eller", "-"), and the next number follows it
  const next = numbers.find((x) => x.start > s.start && x.start <= s.start + s.text.length + 1);
  return next ? rangeEnd(next, numbers) : s;
}

/**
 * Whether a share is a share of something else than what is counted: "79 procent af innovationerne"
 * for "hvor mange unge …?". What follows the partitive after it ("af", past a determiner) is the whole
 * the share is of; it is another thing when it is no form of the unit asked, nor people when people are counted.
 */
function sharesOther(
  s: Span,
  text: string,
  asked: string | null,
  people: boolean | undefined,
  lex: ReturnType<typeof lexiconOf>,
  profile: LanguageProfile,
): boolean {
  if (!asked && !people) return false;
  const after = text
    .slice(s.start + s.text.length)
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean)
    .map(foldWord);
  if (!after.length || !lex.partitives.has(after[0])) return false;
  const whole = after.slice(1).find((x) => !lex.closed.has(x));
  if (!whole || whole.length < 3) return false;
  return (
    !(asked && sameUnit(whole, asked)) && !(people && isPeople(whole, profile)) && !(asked && isPeople(asked, profile) && isPeople(whole, profile, 'anyPeople'))
  );
}

/**
 * Whether a number counts a thing of its own: a content word follows it ("29 kommuner"), not a
 * function word ("2 af de 5") nor, when people are counted, a word for people.
 */
function countsOther(s: Span, people: boolean | undefined, lex: ReturnType<typeof lexiconOf>, profile: LanguageProfile): boolean {
  // "ét af kommunens biblioteker", "12 af deltagerne": what follows the partitive is counted
  const unit = s.unit && lex.partitives.has(s.unit) && s.unitAfter ? s.unitAfter : s.unit;
  return !!unit && unit.length >= 3 && !lex.closed.has(unit) && !(people && isPeople(unit, profile));
}

/** Whether a word names people (a form of one of the profile's `spans.peopleNouns`: "personer", "borgere"), or anyone (`spans.anyPeople`). */
function isPeople(word: string, profile: LanguageProfile, which: 'peopleNouns' | 'anyPeople' = 'peopleNouns'): boolean {
  const lex = lexiconOf(profile);
  return isFormOfAny(foldWord(word), lex[which], lex);
}

/**
 * Whether a case holds the asked type at all (a sentence with a typed span scoring 0.5 or more), as
 * `select(…).mentioned` says, without ranking its sentences: cheap enough to ask of several cases.
 */
export function mentionsType(chunks: Chunk[], w: Wanted, profile: LanguageProfile = danish): boolean {
  if (!TYPED.has(w.type)) return true;
  for (const chunk of chunks) {
    if (chunk.isContact) continue;
    for (const s of sentencesOf(chunk)) if (!isNoise(s, profile) && typeScore(spansOf(s.text, profile), s.text, w, profile) >= 0.5) return true;
  }
  return false;
}

/** What the selection found in one case: the sentences to quote, and whether the case holds the asked type at all. */
export interface Selection {
  sentences: Sentence[];
  /** False for a typed question (money, a number, a date…) when no sentence of the case holds such a span. */
  mentioned: boolean;
}

/**
 * The sentences that answer a question in one case: the best, and a second when it is nearly as
 * good and holds the asked type too (a list of facts spread over two sentences), each with the
 * sentence it leans on.
 */
export function select(
  chunks: Chunk[],
  w: Wanted,
  lex: LexicalIndex,
  c: CaseInfo,
  max = 2,
  options: SelectOptions = defaultSelectOptions,
  profile: LanguageProfile = danish,
): Selection {
  const ranked = rankSentences(chunks, w, lex, c, options, profile);
  if (!ranked.length) return { sentences: [], mentioned: false };
  // lead with the direct answer: a sentence holding the asked money, number or date comes before one that only speaks of it
  const top = ranked[0];
  const best = (TYPED.has(w.type) && top.typed < 1 && ranked.find((r) => r.typed >= 1 && r.score >= top.score * options.secondShare)) || top;
  // the case states the asked figure when the sentence that answers the question holds it, not when some other sentence holds a number
  const mentioned = !TYPED.has(w.type) || best.typed >= 0.5;
  const picked = [best];
  for (const r of ranked) {
    if (picked.length >= max) break;
    if (r === best) continue;
    if (r.score >= best.score * options.secondShare && (r.typed > 0 || !TYPED.has(w.type)) && r.score > 0) picked.push(r);
  }
  const sentences: Sentence[] = [];
  for (const r of picked) {
    const s = withTail(withLead(withList(r.sentence), profile), profile);
    // never quote the same words twice, nor a sentence that a passage elsewhere in the case repeats inside another
    const same = (x: Sentence) => {
      const [a, b] = [squash(x.text).toLowerCase(), squash(s.text).toLowerCase()];
      return a.includes(b) || b.includes(a);
    };
    if (!sentences.some((x) => (x.chunk === s.chunk && x.start < s.end && s.start < x.end) || same(x))) sentences.push(s);
  }
  return { sentences, mentioned };
}
