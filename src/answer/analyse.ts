import { danish } from '../language/da.js';
import { englishOnlyWords, englishToDanish, isEnglish } from '../language/english.js';
import {
  cuesOf,
  digraphFold,
  foldWord,
  headNounsOf,
  isForm,
  isFormOfAny,
  isPastForm,
  isSlipOfForm,
  lexiconOf,
  osaDistance,
  tokens,
  type Lexicon,
} from '../language/lexicon.js';
import type { AnswerType, LanguageProfile } from '../language/profile.js';
import { endsAbbreviation } from './sentences.js';

/** A word of the question and what it does in it. */
export interface Token {
  text: string;
  /** Folded form (lower case, æ/ø/å folded). */
  norm: string;
  /** The folded form with "ae", "oe", "aa" read as æ, ø, å, when it has such a pair ("hjemloese"). */
  alt: string | null;
  start: number;
  end: number;
  /** Index of the sentence it stands in; the last sentence is the question proper. */
  sentence: number;
  role: 'closed' | 'interrogative' | 'generic' | 'filler' | 'cue' | 'reference' | 'content';
}

/** A content word left once the question's scaffolding is taken away. */
export interface FocusWord {
  /** As written, lower case. */
  word: string;
  norm: string;
  /** True when it stands in a sentence before the question proper (the context a user gives). */
  context: boolean;
  /** True for a noun in its definite form ("fonden", "programmet"): something already known, often from the conversation. */
  definite: boolean;
  /** The particle of a particle verb that follows the word at the end of its clause ("spritte af", "følge op på"), lower case. */
  particle?: string;
}

/** What a question refers back to, besides its own words. */
export interface References {
  /** A pronoun or "dér" points back at what was just discussed. */
  pronoun: boolean;
  /** The subject of the question is such a pronoun ("bliver det brugt …", "har de …"). */
  subjectPronoun: boolean;
  /**
   * Such a pronoun last in its sentence after a preposition or a verb, the thing talked about ("hvem udtaler sig **om
   * det**?", "hvor meget sparer de **på det**?", "hvad skulle der til, før de måtte **gøre det**?").
   */
  objectPronoun: boolean;
  /** The question opens with "og" or "men" and is no refinement: it goes on with the conversation ("Og hvor meget gav fonden?"). */
  continues: boolean;
  /** Asks for other cases like the one discussed ("er der andre, der har gjort noget lignende?"). */
  similar: boolean;
  /**
   * The kind of body or place a request for similar cases names ("har andre **biblioteker** …?"), as
   * written: the planner narrows to it when the corpus finds it distinctive. Null when none is named.
   */
  similarKind: string | null;
  /** Picks from the list just shown: 1-based, -1 for the last, 'other' for "the other one". */
  ordinal: number | 'other' | null;
  /**
   * An ordinal before a noun of its own, after a preposition or before a unit of time ("på det
   * første hold", "i det første år"): a part of the thing discussed, which, like a pronoun, holds
   * the conversation on it.
   */
  partOf: boolean;
  /** "og i Aarhus?", "hvad med ældre?": the earlier question narrowed by these words. */
  refinement: string[] | null;
  /** "noget helt andet: …": a new topic, whatever was discussed. */
  switch: boolean;
  /** "hvad gør samme kommune for …?": among the cases of the organisation behind the case discussed. */
  sameOrganisation: boolean;
  /**
   * "hvad har Odense ellers gjort for …?", "har de været med i andre samarbejder?": what else its subject has done,
   * in the question's own words if it has any; other cases, not cases like the one discussed.
   */
  else: boolean;
}

/** What a question asks, read from its words alone (the corpus is not consulted). */
export interface Analysis {
  question: string;
  english: boolean;
  /** A greeting or thanks, nothing to search. */
  smallTalk: boolean;
  answerType: AnswerType;
  /** Asks for contact details outright ("mail", "telefonnummer", "hvem kan jeg kontakte"). */
  contact: boolean;
  /** For quantity questions: the noun counted ("elever" in "hvor mange elever"). */
  unit: string | null;
  /**
   * The noun counted says what kind of count is asked, not what about: a unit of time ("hvor mange
   * timer har de sparet?") or people in general ("hvor mange ansatte er der?", "hvor mange deltagere?").
   */
  genericUnit: boolean;
  /** "Hvor mange" with no noun counted ("hvor mange fik et lån?", "er der mange, der …"): people are counted. */
  countsPeople: boolean;
  /**
   * Where the question places what it asks in time: `expected` when it asks of plans ("hvor mange forventer de …"),
   * `soFar` when it asks what has happened up to now, said ("nu", "indtil videre") or in the perfect ("hvor mange har
   * været igennem?"); else null (`LanguageProfile.timeCues`).
   */
  when: 'soFar' | 'expected' | null;
  /** The noun after "hvilke …" or "hvad er det for nogle …": what kind of thing is asked for, not what about. */
  head: string | null;
  /** The words that decided the answer type, for explanations. */
  cue: string;
  /** A second question joined by "og" ("hvor ofte …, og hvor længe …?"): the fact it asks for, when another than the first. */
  also: AnswerType | null;
  /** The unit the second question counts ("…, og hvor mange studerende er med?" → "studerende"), or null. */
  alsoUnit: string | null;
  /** Phrased as a search among cases ("findes der …", "er der nogen, der …", "hvordan kan man …"). */
  search: boolean;
  /** Money asked for as an amount ("hvad kostede det?", "hvad er prisen?"), not who paid ("hvem finansierede det?"). */
  amount: boolean;
  focus: FocusWord[];
  /** Focus words after a contrast ("mere end bare kaffe og kage"): what the asker has or does not want, never head words. */
  contrast: string[];
  /** Folded words that describe the kind of answer (the cue words): they help find the sentence, never the case. */
  typeWords: string[];
  /** Capitalised words and acronyms that are not the first of a sentence: candidate names. */
  names: string[];
  refs: References;
  /** Leans on an earlier turn: a refinement, an ordinal, nothing of its own to search, or a pronoun with little else. */
  followUp: boolean;
  /** The words to search the cases with (Danish; English questions translated through the glossary). */
  searchText: string;
  /** What to search when there are no focus words: the question less its interrogative, cue and generic words. */
  fallbackText: string;
  /**
   * What to search when nothing was discussed before: the search text with the generic nouns that
   * would point back ("adgang til oplysningerne", "hvordan fungerer samarbejdet") kept, as with no
   * earlier turn they name the thing asked about. The search text when there are none.
   */
  openingText: string;
  tokens: Token[];
  /**
   * Phrases that restrict a word: a preposition right after it and the content words of its phrase, to the
   * end of the clause ("patientuddannelse for borgere med KOL" → head "patientuddannelse", words "borgere", "kol").
   */
  modifiers: Modifier[];
}

/** A prepositional phrase after a word: what kind, for whom or where the word's thing is. */
export interface Modifier {
  /** The word restricted, lower case. */
  head: string;
  /** The content words of the phrase, lower case. */
  words: string[];
}

/** A pronoun or pointing adverb that points back; an English one read as a word of a Danish question ("it") does not. */
function isAnaphor(t: Token, lex: Lexicon): boolean {
  // (one of a fixed expression is a filler: "med det samme")
  return lex.anaphora.has(t.norm) && t.role !== 'content' && t.role !== 'filler';
}

/**
 * Where in `toks` a phrase (folded words from `w`, `*` = one to six words) matches, starting at `i`;
 * the end index or -1. The indexes of the words the phrase names (not those a wildcard took) are
 * pushed onto `literal`, which is left as it was when the phrase does not match.
 */
function matchAt(toks: Token[], i: number, words: string[], lex: Lexicon, lemmas: boolean, literal: number[] = [], w = 0): number {
  const mark = literal.length;
  let t = i;
  for (; w < words.length; w++) {
    const want = words[w];
    if (want === '*' || want === '**') {
      // a wildcard takes one to three words, a double one up to six ("what is ** called": "the decision aid at Vejle Sygehus"): the shortest that lets the rest match
      for (let n = 1; n <= (want === '**' ? 6 : 3) && t + n <= toks.length; n++) {
        const end = matchAt(toks, t + n, words, lex, lemmas, literal, w + 1);
        if (end >= 0) return end;
      }
      literal.length = mark;
      return -1;
    }
    const tok = toks[t];
    if (!tok || !(wordMatches(tok.norm, want, lex, lemmas) || (tok.alt !== null && wordMatches(tok.alt, want, lex, lemmas)))) {
      literal.length = mark;
      return -1;
    }
    literal.push(t);
    t++;
  }
  return t;
}

/** Whether a question word stands for a phrase's word: the same, or with `lemmas` any form of it, and a long cue word also with one slip of the keyboard ("virkde"). */
function wordMatches(n: string, want: string, lex: Lexicon, lemmas: boolean): boolean {
  if (!lemmas || want.length < 3) return n === want;
  return isForm(n, want, lex) || (want.length >= 7 && n.length >= 6 && n[0] === want[0] && !lex.closed.has(n) && osaDistance(n, want) <= 1);
}

/** Whether a folded word is a form of one of the profile's units of time ("året", "uger", "weekenden"). */
function isTimeUnit(norm: string, profile: LanguageProfile, lex: Lexicon): boolean {
  return profile.spans.timeUnits.some((u) => isForm(norm, foldWord(u), lex));
}

/** A folded noun counted that says what kind of count, not what about: a unit of time, a person head noun, a word for anyone. */
function isGenericUnit(unit: string, profile: LanguageProfile, lex: Lexicon): boolean {
  return isTimeUnit(unit, profile, lex) || isFormOfAny(unit, headNounsOf(lex, 'person'), lex) || isFormOfAny(unit, lex.anyPeople, lex);
}

/** A generic verb ("fik", "kom") or an auxiliary ("har", "blev") in any form. */
function isVerbLike(norm: string, lex: Lexicon): boolean {
  return lex.auxiliaries.has(norm) || isFormOfAny(norm, lex.genericVerbs, lex);
}

/** The first place a phrase matches within [from, to), as [start, end), or null. */
function find(toks: Token[], words: string[], lex: Lexicon, lemmas: boolean, from = 0, to = toks.length): [number, number] | null {
  // matched exactly, a phrase can start only at its first word (checked here, before a match is tried)
  const first = lemmas || words[0] === '*' || words[0] === '**' ? null : words[0];
  // any form of a word, and any slip in it, begins with its first letter (`wordMatches`): a cheap test before a match is tried
  const letter = lemmas && words[0] !== '*' && words[0] !== '**' ? words[0][0] : null;
  for (let i = from; i < to; i++) {
    if (first !== null && toks[i].norm !== first && toks[i].alt !== first) continue;
    if (letter !== null && toks[i].norm[0] !== letter && toks[i].alt?.[0] !== letter) continue;
    const end = matchAt(toks, i, words, lex, lemmas);
    if (end >= 0 && end <= to) return [i, end];
  }
  return null;
}

/** Splits the question into tokens with the index of the sentence each stands in. */
function tokenise(question: string, profile: LanguageProfile): Token[] {
  const out: Token[] = [];
  // sentences end at . ! ? : ; and dashes between words ("Hjem til alle – hvem er programchef?"), not at the period of
  // an abbreviation ("hvad koster det pr. ophold?"), nor at a dash before a preposition: what follows qualifies the
  // sentence before it ("hvad koster det at sende pårørende på højskole – pr. ophold?", "hvem står for det – i Aarhus?")
  const prepositions = lexiconOf(profile).prepositions;
  const marks = [...question.matchAll(/[.!?:;]+(?=\s|$)|\s[–—-]\s/g)]
    .filter((m) => m[0] !== '.' || !endsAbbreviation(question, m.index + 1, profile))
    .filter((m) => !/^\s[–—-]\s$/.test(m[0]) || !prepositions.has(foldWord(/^[\p{L}]+/u.exec(question.slice(m.index + m[0].length))?.[0] ?? '')));
  const bounds = marks.map((m) => m.index + m[0].length);
  let sentence = 0;
  for (const { text, start, end } of tokens(question)) {
    while (sentence < bounds.length && bounds[sentence] <= start) sentence++;
    out.push({ text, start, end, norm: foldWord(text), alt: digraphFold(text), sentence, role: 'content' });
  }
  // a trailing boundary with nothing after it does not open a sentence
  const last = Math.max(0, ...out.map((t) => t.sentence));
  for (const t of out) if (t.sentence > last) t.sentence = last;
  // a statement after the question comments on it ("Hvordan fik de lov? Jeg troede ikke, det var lovligt."): the
  // question proper, numbered last, is the last sentence that ends in a question mark; what follows it is context
  let asked = -1;
  for (let k = 0; k < Math.min(last, marks.length); k++) if (marks[k][0].includes('?')) asked = k;
  if (asked >= 0 && !marks[last]?.[0].includes('?'))
    for (const t of out) t.sentence = t.sentence === asked ? last : t.sentence > asked ? t.sentence - 1 : t.sentence;
  return out;
}

/** Whether a test holds for the word's folded form, or else for its form with "ae"/"oe"/"aa" read as æ/ø/å. */
const is = (t: Token, test: (norm: string) => boolean): boolean => test(t.norm) || (t.alt !== null && test(t.alt));

const isSentenceStart = (toks: Token[], i: number) => i === 0 || toks[i - 1].sentence !== toks[i].sentence;

/**
 * Content words before a search for cases ("Har nogen …?") from which a message tells a need of its
 * own: the search's pronouns then point at it, not back at the conversation. Three: "Tak for
 * svaret." or "Vi er en lille kommune." tells none; "Beboerne klager over larm og tis i
 * opgangene." does.
 */
const TOLD_WORDS = 3;

/**
 * Reads a question: its answer type (from the interrogative phrase and its head, or a cue), the
 * words it is about (what is left once the closed word classes, generic verbs and nouns and the
 * cue words are taken away), and what it refers back to (pronouns, ordinals, requests for similar
 * cases, refinements, switches). Pure: the same question always gives the same analysis.
 */
export function analyse(question: string, profile: LanguageProfile = danish): Analysis {
  const lex = lexiconOf(profile);
  const toks = tokenise(question, profile);
  const english = isEnglish(question, profile);
  const lastSentence = Math.max(0, ...toks.map((t) => t.sentence));
  // the first word of the question proper (0 when there are no words at all)
  const qFrom = Math.max(
    0,
    toks.findIndex((t) => t.sentence === lastSentence),
  );
  const mark = (from: number, to: number, role: Token['role']) => {
    for (let i = from; i < to; i++) if (toks[i].role === 'content') toks[i].role = role;
  };

  // closed classes first: they are never focus words (an English one is a word of its own in a Danish question, "køber
  // it ind", "IT-systemer", but not inside a name, "Know Your 'Bro")
  const foreign = english ? null : englishOnlyWords(profile);
  for (const t of toks) {
    if (foreign?.has(t.norm) && !/^\p{Lu}\p{Ll}/u.test(t.text)) continue;
    // pointing adverbs ("derinde", "derfra") point back like pronouns: no topic either
    if (is(t, (n) => lex.closed.has(n) || lex.anaphora.has(n)) || (t.norm.length === 1 && !/\d/.test(t.norm))) t.role = 'closed';
    else if (is(t, (n) => lex.fillers.has(n))) t.role = 'filler';
  }

  // the fixed expressions ("stille til rådighed", "med det samme"), as [start, end) spans; a pronoun inside one points at
  // nothing ("med det samme", "for det meste", "i det hele taget")
  const fixed: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    const starting = lex.fixedExpressions.get(toks[i].norm) ?? (toks[i].alt ? lex.fixedExpressions.get(toks[i].alt as string) : undefined) ?? [];
    const end = starting.map((words) => matchAt(toks, i, words, lex, false)).find((e) => e >= 0);
    if (end === undefined) continue;
    fixed.push([i, end]);
    for (let k = i; k < end; k++) if (lex.anaphora.has(toks[k].norm)) toks[k].role = 'filler';
    i = end - 1;
  }

  // a measure noun after an article, or after an article and one word ("en flok unge", "en lang
  // række kommuner", "den slags") says how many or what kind of the noun after it: no topic
  toks.forEach((t, i) => {
    if (t.role !== 'content' || !lex.measureNouns.has(t.norm)) return;
    const article = (k: number) => k >= 0 && toks[k].sentence === t.sentence && lex.articles.has(toks[k].norm);
    // or after a number, a quantifier or another measure noun: "tre stykker", "nogle stykker", "et par stykker"
    const prev = toks[i - 1];
    const counted =
      i > 0 &&
      prev.sentence === t.sentence &&
      (/^\d+$/.test(prev.norm) || Object.hasOwn(profile.spans.numberWords, prev.norm) || lex.quantifiers.has(prev.norm) || lex.measureNouns.has(prev.norm));
    if (article(i - 1) || (article(i - 2) && toks[i - 1].role === 'content') || counted) t.role = 'closed';
  });

  const talk = (t: Token) => is(t, (n) => lex.smallTalk.has(n));
  const smallTalk = toks.length > 0 && toks.every((t) => talk(t) || t.role !== 'content') && toks.some(talk);

  // --- references ---
  let switched = false;
  for (const words of lex.switches) {
    // at the start, or anywhere in a sentence before the question proper ("Lad os tale om noget andet. Hvordan …")
    const at = find(toks, words, lex, false, 0, Math.max(Math.min(toks.length, words.length + 2), qFrom));
    if (at) {
      switched = true;
      for (let i = at[0]; i < at[1]; i++) toks[i].role = 'reference';
      break;
    }
  }
  // a short lead-in of its own before a colon or a dash, saying "other": "Lidt andet: …", "Noget helt andet – …"
  // ("Det andet: …", "the other one", points back instead)
  const leadIn = toks.filter((t) => t.sentence === 0);
  if (
    !switched &&
    leadIn.length <= 4 &&
    toks.some((t) => t.sentence > 0) &&
    /^[^.!?]*[:–—-]/.test(question.trim()) &&
    leadIn.some((t) => lex.other.has(t.norm)) &&
    !leadIn.some((t) => isAnaphor(t, lex))
  ) {
    switched = true;
    for (const t of leadIn) t.role = 'reference';
  }

  const interrogativeAt = (i: number): boolean => {
    const n = toks[i].alt ?? toks[i].norm;
    if (lex.interrogatives.has(toks[i].norm) || lex.interrogatives.has(n)) return true;
    // a slip of the keyboard in a long interrogative ("hvornar", "hvordn")
    return n.length >= 5 && !lex.closed.has(n) && lex.typoInterrogatives.some((k) => osaDistance(n, k) <= 1);
  };
  const interrogativeKind = (i: number) => {
    const n = toks[i].alt ?? toks[i].norm;
    return (
      lex.interrogatives.get(toks[i].norm) ??
      lex.interrogatives.get(n) ??
      lex.interrogatives.get(lex.typoInterrogatives.find((k) => osaDistance(n, k) <= 1) ?? '')!
    );
  };

  let refinement: string[] | null = null;
  // "og hvad med de ældre, der bor hjemme og spiser alene?": an opener of a refinement before a need of its own
  let newNeed = false;
  // the opener starts the message, or follows a sentence of acknowledgement only ("Ok. Hvad så med …?", "Tak! Og i Aarhus?")
  const opensAt = toks.slice(0, qFrom).every((t) => t.role !== 'content' || talk(t)) ? qFrom : 0;
  for (const words of lex.refinementOpeners) {
    const end = matchAt(toks, opensAt, words, lex, false);
    if (end < 0) continue;
    // what follows the opener in its own sentence: "og i Odense – hvad gør de der?" narrows to Odense, then asks
    const rest = toks.slice(end).filter((t) => t.sentence === toks[opensAt].sentence);
    const opensWhat = words.some((w) => lex.interrogatives.has(w));
    // "og hvad kostede det?" is a question of its own, "og i Aarhus?" and "hvad med ældre?" narrow the last one; the
    // relative of "ældre, der bor alene" and the "det" of "hvis det er biblioteket, der …" point at nothing earlier
    const asks = rest.some((t, k) => interrogativeAt(end + k) || (isAnaphor(t, lex) && !isRelativeAt(toks, end + k, lex) && !isCleft(toks, t, lex)));
    const content = rest.filter((t) => t.role === 'content');
    if ((opensWhat || !asks) && content.length > 0 && content.length <= 4 && (opensWhat || rest.length <= 6)) {
      refinement = content.map((t) => t.text.toLowerCase());
      for (let i = 0; i < end; i++) toks[i].role = 'reference';
    } else newNeed = content.length > 4;
    break;
  }

  let ordinal: number | 'other' | null = null;
  let partOf = false;
  for (let i = 0; i < toks.length && ordinal === null; i++) {
    const n = toks[i].norm;
    if (n === 'nummer' || n === 'number' || n === 'nr') {
      const next = toks[i + 1]?.norm ?? '';
      const k = /^\d+$/.test(next) ? Number(next) : (profile.spans.numberWords[next] ?? NaN);
      if (Number.isInteger(k) && k > 0 && k < 20) {
        ordinal = k;
        toks[i].role = toks[i + 1].role = 'reference';
      }
      continue;
    }
    // "i første omgang", "efter første runde": a preposition, an ordinal with no article and a noun say which part of the
    // thing discussed, like "fra det første hold" below ("efter sidste skybrud" is no part of it)
    if (lex.prepositions.has(n) && i + 2 < toks.length) {
      const [ord, noun] = [toks[i + 1], toks[i + 2]];
      const first = lex.ordinals.some((x) => x.words.length === 1 && x.words[0] === ord.norm && x.index > 0) && !lex.other.has(ord.norm);
      if (first && noun.sentence === ord.sentence && ord.sentence === toks[i].sentence && !lex.closed.has(noun.norm)) {
        ord.role = 'closed';
        partOf = true;
        continue;
      }
    }
    // "den første (case)", "det andet bibliotek": a singular determiner, then the ordinal
    if (!lex.ordinalArticles.has(n)) continue;
    const next = toks[i + 1];
    const o = next && lex.ordinals.find((x) => x.words.length === 1 && x.words[0] === next.norm);
    if (!o) continue;
    const after = toks[i + 2];
    // "den første" at the end, or before a noun; not "det første år" (a time) — a noun that is a time unit is no list item
    if (after && after.sentence === next.sentence && isTimeUnit(after.norm, profile, lex)) {
      // a time in the life of the thing discussed: no topic
      next.role = after.role = 'closed';
      partOf = true;
      continue;
    }
    // "det andet bibliotek" is the other one; "den anden" (or "den anden case") the second of the list
    const nounAfter = after && after.sentence === next.sentence && !lex.closed.has(after.norm) && !isFormOfAny(after.norm, lex.listNouns, lex);
    // "fra det første hold", "from the first class": after a preposition, with a noun of its own, it says which of something in the case
    if (nounAfter && i > 0 && lex.prepositions.has(toks[i - 1].norm)) {
      next.role = 'closed';
      // (but "på det andet bibliotek" is another one)
      partOf = !lex.other.has(next.norm);
      continue;
    }
    ordinal = lex.other.has(next.norm) && nounAfter ? 'other' : o.index;
    next.role = 'reference';
    if (after && isFormOfAny(after.norm, lex.listNouns, lex)) after.role = 'reference';
  }

  // a unit of time after a preposition, alone or with an article or a number ("om året", "i en uge", "på to måneder"), says
  // when or how often, not what about: no topic ("hvor mange kroner bruger kommunen på det om året?" asks of the case discussed)
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i];
    if (t.role !== 'content' || !isTimeUnit(t.norm, profile, lex)) continue;
    const at = (k: number) => (k >= 0 && toks[k].sentence === t.sentence ? toks[k] : null);
    const [p, q] = [at(i - 1), at(i - 2)];
    const between = (x: Token) => lex.articles.has(x.norm) || lex.determiners.has(x.norm) || /^\d/.test(x.norm);
    if ((p && lex.prepositions.has(p.norm)) || (p && q && between(p) && lex.prepositions.has(q.norm))) t.role = 'closed';
  }

  // a search opener counts at the start of the question proper ("Er der nogen, der …"), not inside it ("aktiviteter er der i …")
  // so does a request for cases in the imperative: "Giv mig en række cases om …", "Find nogle eksempler på …"
  // and so does a yes/no question whose subject, right after its verb, is "nogen"/"nogle" ("Bruger nogen kommune …?",
  // "Tilbyder nogle …?"): who does it is asked; not "nogen af dem", a part of something known
  const [verb, subject, after] = [toks[qFrom], toks[qFrom + 1], toks[qFrom + 2]];
  const someoneDoes =
    !!verb &&
    !!subject &&
    subject.sentence === verb.sentence &&
    lex.indefiniteSubjects.has(subject.norm) &&
    !lex.interrogatives.has(verb.norm) &&
    (!lex.closed.has(verb.norm) || lex.auxiliaries.has(verb.norm)) &&
    !(after && after.sentence === subject.sentence && lex.partitives.has(after.norm));
  const existential =
    someoneDoes ||
    lex.searchOpeners.some(
      (w) =>
        matchAt(toks, qFrom, w, lex, false) >= 0 || (toks[qFrom] && lex.coordinators.has(toks[qFrom].norm) && matchAt(toks, qFrom + 1, w, lex, false) >= 0),
    ) ||
    (!!toks[qFrom] &&
      isImperative(toks, qFrom, lex) &&
      toks.slice(qFrom + 1, qFrom + 6).some((t) => t.sentence === toks[qFrom].sentence && isFormOfAny(t.norm, lex.listNouns, lex)));
  // "af" + a pronoun ("af dem") or a determiner and a measure noun ("af den slags", "af samme type"), not "af de unge"
  const partitive = (k: number): boolean => {
    const [p, d, n] = [toks[k], toks[k + 1], toks[k + 2]];
    if (!p || !d || !lex.partitives.has(p.norm) || !lex.closed.has(d.norm) || d.sentence !== p.sentence) return false;
    return !n || n.sentence !== d.sentence || lex.measureNouns.has(n.norm) || lex.closed.has(n.norm);
  };
  // a pronoun, or a generic noun in its definite form ("projektet", "samarbejdet", "løsningen"), points back
  const definiteGeneric = (t: Token): boolean => {
    if (!lex.definiteEndings.some((e) => t.norm.endsWith(e)) || !is(t, (n) => lex.genericNouns.some((g) => n !== g && isForm(n, g, lex)))) return false;
    // "kontakten for Fokus på Talent" says which; "projektet" alone points back
    const i = toks.indexOf(t);
    // after an auxiliary and its subject it is a participle: "har andre arbejdet med …", "har de samarbejdet med …", also with
    // an adverb between ("har nogen også arbejdet med …", "har de ikke arbejdet …")
    let j = i - 1;
    while (j > 1 && toks[j].sentence === t.sentence && lex.particles.has(toks[j].norm)) j--;
    const [aux, subject] = [toks[j - 1], toks[j]];
    if (aux && subject?.sentence === t.sentence && aux.sentence === t.sentence && lex.perfectAuxiliaries.has(aux.norm) && lex.closed.has(subject.norm))
      return false;
    return !(toks[i + 1] && toks[i + 1].sentence === t.sentence && lex.prepositions.has(toks[i + 1].norm) && toks[i + 2] && !lex.closed.has(toks[i + 2].norm));
  };
  let similar = false;
  let similarWeak = false;
  // "andre projekter", "flere samarbejder": other cases, not cases like the one discussed ("noget lignende")
  let otherCases = false;
  for (const words of lex.similar) {
    const at = find(toks, words, lex, false, qFrom);
    if (!at) continue;
    const word = words.join(' ');
    const next = toks[at[1]];
    // "lignende", "tilsvarende" always; "andre"/"flere" when they stand for cases or places, or are the subject
    const strong = !lex.weakSimilar.has(word);
    const standsForCases =
      !next ||
      next.sentence !== toks[at[0]].sentence ||
      lex.relatives.has(next.norm) ||
      isFormOfAny(next.norm, lex.listNouns, lex) ||
      // a partitive: "flere af den slags", "andre af samme type", "flere af dem"
      partitive(at[1]) ||
      lex.headNouns.some(([t, ns]) => (t === 'organisations' || t === 'place') && isFormOfAny(next.norm, ns, lex, true));
    // "har andre …", not "har flere af de ledige …" (a part of a group of its own)
    const ofGroup = !!next && lex.partitives.has(next.norm) && !partitive(at[1]);
    const subject = at[0] === qFrom + 1 && lex.closed.has(toks[qFrom]?.norm ?? '') && !ofGroup;
    // "andre eksempler", "flere cases": a noun for cases says it, wherever it stands ("har du andre eksempler på …?"),
    // unless they are counted ("hvor mange andre projekter …")
    const ofCases =
      !!next && next.sentence === toks[at[0]].sentence && isFormOfAny(next.norm, lex.listNouns, lex) && !lex.quantifiers.has(toks[at[0] - 1]?.norm ?? '');
    // a question that brings its own context ("Vi har … Har andre …?") is a new need, not a request for more of the same,
    // unless a noun for cases says it is ("Absalon er med dér – har de været med i andre samarbejder?")
    if (lastSentence > 0 && !ofCases) break;
    // "Har nogen også prøvet det?", "Er der nogen, der også …", "Har nogle kommuner også …": an additive after an indefinite
    // subject of a search asks whether others did it too; "Har de også …?" asks more of the case discussed
    const others =
      existential &&
      lex.additives.has(word) &&
      toks.slice(qFrom, at[0]).some((t, k, before) => {
        if (!lex.indefiniteSubjects.has(t.norm)) return false;
        const after = before[k + 1] ?? toks[at[0]];
        return (
          after.sentence !== t.sentence ||
          lex.closed.has(after.norm) ||
          isFormOfAny(after.norm, lex.listNouns, lex) ||
          lex.headNouns.some(([ty, ns]) => (ty === 'organisations' || ty === 'place') && isFormOfAny(after.norm, ns, lex, true))
        );
      });
    // "hvad har andre gjort?", "se, hvad andre har gjort med …", "hvad gør andre kommuner?": "andre" as the subject next to
    // its verb is others than those discussed; not after a determiner ("de andre" is the rest of a list, "hvilke andre
    // partnere har de" asks more of the case, "hvor mange flere" counts), nor as an adjective ("har andre udfordringer")
    const prev = toks[at[0] - 1];
    const inClause = (t: Token | undefined): t is Token => !!t && t.sentence === toks[at[0]].sentence;
    const determined =
      inClause(prev) &&
      (lex.articles.has(prev.norm) || lex.determiners.has(prev.norm) || lex.quantifiers.has(prev.norm) || lex.interrogatives.get(prev.norm) === 'which');
    const verbAt = (k: number) => inClause(toks[k]) && lex.auxiliaries.has(toks[k].norm);
    const nextToVerb =
      !determined && (verbAt(at[1]) || (standsForCases && (verbAt(at[0] - 1) || (inClause(next) && next.role === 'content' && verbAt(at[1] + 1)))));
    if (
      strong ||
      ofCases ||
      (standsForCases && (existential || subject)) ||
      subject ||
      others ||
      (lex.weakSimilar.has(word) && !lex.additives.has(word) && nextToVerb)
    ) {
      similar = true;
      similarWeak = !strong;
      otherCases = !strong && ofCases;
      break;
    }
  }
  // "hvad har Odense ellers gjort?", "hvad laver de ellers?": what else its subject has done, cases other than the one
  // discussed; "ellers" right after the subject, a name or a pronoun (a pronoun stands for the organisation behind it)
  const elseAt = toks.findIndex(
    (t, i) =>
      i > qFrom &&
      lex.elseWords.has(t.norm) &&
      // the subject after the verb ("har Odense ellers", "laver de ellers"); not a verb right after the interrogative ("hvem deltog ellers")
      i >= 2 &&
      toks[i - 2].sentence === t.sentence &&
      !lex.interrogatives.has(toks[i - 2].norm) &&
      toks[i - 1].sentence === t.sentence &&
      !/[,;:–—]/u.test(question.slice(toks[i - 1].end, t.start)) &&
      (toks[i - 1].role === 'content' || (isAnaphor(toks[i - 1], lex) && !lex.expletives.has(toks[i - 1].norm))),
  );
  const elseOfPronoun = elseAt > 0 && toks[elseAt - 1].role !== 'content';
  if (elseAt > 0) {
    similar = true;
    toks[elseAt].role = 'reference';
  }
  // "er der andre kommuner, der har taget modellen til sig?" asks how far the case discussed has spread, not for other cases
  if (similar && similarWeak && toks.some((t) => t.sentence === lastSentence && definiteGeneric(t))) similar = false;
  // once the question asks for similar cases, its similarity words and the case-like nouns after them are no topic; a
  // noun for a kind of body or place ("andre biblioteker") is kept aside: it may say which others
  let similarKind: string | null = null;
  if (similar)
    for (const words of lex.similar)
      for (let from = qFrom, at = find(toks, words, lex, false, from); at; at = find(toks, words, lex, false, at[1])) {
        for (let i = at[0]; i < at[1]; i++) toks[i].role = 'reference';
        const next = toks[at[1]];
        if (!next) continue;
        const listNoun = is(next, (n) => isFormOfAny(n, lex.listNouns, lex));
        const bodyOrPlace = is(next, (n) => lex.headNouns.some(([t, ns]) => (t === 'organisations' || t === 'place') && isFormOfAny(n, ns, lex, true)));
        if (listNoun || bodyOrPlace) next.role = 'reference';
        if (bodyOrPlace && !listNoun) similarKind ??= next.text.toLowerCase();
      }
  // the question's subject is a pronoun pointing back: "bliver det brugt …", "har de …"
  // or the pronoun after the auxiliary or the verb that follows a longer question phrase: "hvor mange penge har de sparet?",
  // "hvor mange forsøg satte de i gang?"
  const subjectPronoun =
    toks.slice(qFrom, qFrom + 3).some((t, k) => k > 0 && isAnaphor(t, lex) && !lex.expletives.has(t.norm) && !isCleft(toks, t, lex)) ||
    toks
      .slice(qFrom + 1, qFrom + 8)
      .some(
        (t, k) =>
          isAnaphor(t, lex) &&
          !lex.expletives.has(t.norm) &&
          !isCleft(toks, t, lex) &&
          (isInvertedSubject(toks, qFrom + 1 + k, lex) || isSubjectAfterVerb(toks, qFrom + 1 + k, lex)),
      );
  const pronoun = toks.some(
    (t) => (isAnaphor(t, lex) && !lex.expletives.has(t.norm) && !isDeterminerBeforeNoun(toks, t, lex) && !isCleft(toks, t, lex)) || definiteGeneric(t),
  );

  // --- the interrogative and the cues ---
  let qi = -1;
  for (let i = qFrom; i < toks.length; i++) {
    if (toks[i].role === 'reference' || !interrogativeAt(i)) continue;
    if (
      isSentenceStart(toks, i) ||
      i === qFrom ||
      toks[i - 1].role === 'reference' ||
      lex.coordinators.has(toks[i - 1].norm) ||
      !question.slice(toks[i - 1].end, toks[i].start).includes(',') ||
      // after a verb of saying or knowing, or its subject, it asks: "kan du fortælle, hvem …", "ved du, hvor mange …"
      isVerbLike(toks[i - 1].norm, lex) ||
      lex.pronouns.has(toks[i - 1].norm)
    ) {
      qi = i;
      break;
    }
  }
  // an interrogative in an earlier sentence counts when the last sentence has none ("Hvem er det? Jeg mener …")
  if (qi < 0) for (let i = 0; i < qFrom; i++) if (isSentenceStart(toks, i) && interrogativeAt(i)) qi = i;
  if (qi >= 0) toks[qi].role = 'interrogative';
  // other interrogatives are relative words here ("steder, hvor …"): function words
  for (let i = 0; i < toks.length; i++) if (i !== qi && toks[i].role === 'content' && is(toks[i], (n) => lex.interrogatives.has(n))) toks[i].role = 'closed';

  type Hit = { type: AnswerType; contact: boolean; amount: boolean; from: number; to: number; words: number[] };
  const cueHits: Hit[] = [];
  const taken = new Set<number>();
  // where words open with each first letter and each two: a cue starts only where its first word could stand (its key,
  // the same two first letters), and a cue whose key opens no word is passed over whole
  const opening = new Map<string, number[]>();
  toks.forEach((t, i) => {
    for (const w of t.alt === null ? [t.norm] : [t.norm, t.alt])
      for (const key of [w.slice(0, 1), w.slice(0, 2)]) {
        const at = opening.get(key);
        if (!at) opening.set(key, [i]);
        else if (at[at.length - 1] !== i) at.push(i);
      }
  });
  for (const c of cuesOpening(opening, lex)) {
    for (const i of opening.get(c.key) ?? []) {
      if (taken.has(i)) continue;
      const literal: number[] = [];
      const end = matchAt(toks, i, c.words, lex, true, literal);
      // words read as a reference are no cue, but for spread: "andre steder" with the case discussed as subject asks how far it spread
      if (end < 0 || literal.some((k) => taken.has(k) || (toks[k].role === 'reference' && c.type !== 'spread'))) continue;
      // a contact word before another noun is its modifier ("phone guidance"), unless that noun is a contact detail ("phone number") or a name
      const after = toks[end];
      if (
        c.contact &&
        literal.length === 1 &&
        after?.sentence === toks[i].sentence &&
        after.role === 'content' &&
        !/^\p{Lu}/u.test(after.text) &&
        !isFormOfAny(after.norm, lex.contactHeads, lex) &&
        !lex.interrogatives.has(after.norm)
      )
        continue;
      // cues count in the question proper, not in the context a user gives before it ("Vores opkrævning ringer til borgere …");
      // a word asking for contact details ("telefonnummer", "mail") is never a topic, wherever it stands
      if (toks[i].sentence !== lastSentence) {
        // (a single word: "telefonnummer", "mail"; a phrase there — "ringer til borgere" — is part of what the user tells)
        if (c.contact && literal.length === 1) for (const k of literal) toks[k].role = 'cue';
        continue;
      }
      cueHits.push({ type: c.type, contact: c.contact, amount: c.amount, from: i, to: end, words: literal });
      for (const k of literal) taken.add(k);
    }
  }
  cueHits.sort((a, b) => a.from - b.from);
  const cueAt = (i: number) => cueHits.find((h) => h.from === i);

  const kind = qi >= 0 ? interrogativeKind(qi) : null;
  // capitalised words that open no sentence, and acronyms: names the question gives
  // (not a one-letter word: "I" is the pronoun "you")
  const names = toks
    .filter((t, i) => t.text.length > 1 && ((/^\p{Lu}/u.test(t.text) && !isSentenceStart(toks, i)) || /^\p{Lu}{2,}$/u.test(t.text)))
    .map((t) => t.text);
  // "har de tænkt på at gøre noget lignende med asylcentre?": with its subject pointing back, and no others or names, it
  // asks whether those discussed did the like, not for other cases ("har andre …", "og i Aarhus, har de noget lignende?" do)
  if (similar && subjectPronoun && !names.length && !toks.some((t) => lex.weakSimilar.has(t.norm))) similar = false;
  // "bliver det brugt andre steder?", "er der andre kommuner, der har taget modellen til sig?": others named with the case
  // discussed as subject or object ask how far it has spread, not for other cases
  const pointsBack = subjectPronoun || toks.some((t) => t.sentence === lastSentence && definiteGeneric(t));
  const spreadCue = cueHits.some((h) => h.type === 'spread' && h.from >= qFrom);
  if (similar && pointsBack && spreadCue && !names.length) similar = false;
  // "hvad er det for nogle aktiviteter": the noun after the phrase is the head, as after "hvilke"
  let whatKind = -1;
  if (qi >= 0 && kind === 'what' && !cueAt(qi))
    for (const words of lex.whatKindOf) {
      const end = matchAt(toks, qi, words, lex, false);
      if (end >= 0) {
        whatKind = end;
        for (let k = qi + 1; k < end; k++) if (toks[k].role === 'content') toks[k].role = 'closed';
        break;
      }
    }
  let answerType: AnswerType = 'topic';
  let cue = '';
  let unit: string | null = null;
  let countsPeople = false;
  let headWord: string | null = null;
  let headIndex = -1;
  const contactHit = cueHits.find((h) => h.contact);
  const say = (h: Hit) =>
    toks
      .slice(h.from, h.to)
      .map((t) => t.text)
      .join(' ');
  // "hvor kan man få hjælp til at stoppe med at ryge?": where anyone can find something is a search for cases, unless a
  // thing taken as known is asked about ("hvor kan man se robotten?", "hvor kan man købe den?")
  const anywhere =
    qi >= 0 &&
    kind === 'where' &&
    hasGenericSubject(toks, qi, lex) &&
    !toks.some(
      (t, i) =>
        i > qi &&
        t.sentence === lastSentence &&
        // (one after a preposition says where, not what: "hjælp på nettet", "i skolen")
        ((t.role === 'content' && isDefinite(toks, i, lex) && !lex.prepositions.has(toks[i - 1]?.norm ?? '')) ||
          (isAnaphor(t, lex) && !lex.expletives.has(t.norm) && !isDeterminerBeforeNoun(toks, t, lex))),
    );
  const search = existential || anywhere || (qi >= 0 && kind === 'how' && hasGenericSubject(toks, qi, lex));

  // the first content word after position i (skipping closed words, "af"), e.g. the head noun after "hvilke"
  const headAfter = (i: number): number => {
    for (let k = i + 1; k < toks.length && toks[k].sentence === toks[i].sentence; k++)
      if (toks[k].role === 'content' || toks[k].role === 'cue' || taken.has(k)) return k;
    return -1;
  };

  if (contactHit) {
    answerType = 'person';
    cue = say(contactHit);
  } else if (qi >= 0) {
    const own = cueAt(qi);
    cue = toks[qi].text;
    if (own) {
      answerType = own.type;
      cue = say(own);
    } else if (kind === 'person') {
      const org = cueHits.find((h) => h.type === 'organisations');
      answerType = org ? 'organisations' : 'person';
      if (org) cue = `${toks[qi].text} … ${say(org)}`;
    } else if (kind === 'which' || whatKind >= 0) {
      // the word as typed first; read with "ae"/"oe"/"aa" as æ/ø/å only when that finds nothing ("temaer" is no "tem-år")
      // a head that names a role ("hvilken minister", "hvilken medarbejder") asks for a person
      const heads: Array<[AnswerType, string[]]> = [['person', lex.personNouns], ...lex.headNouns];
      const typeOf = (t: Token) =>
        heads.find(([, ns]) => isFormOfAny(t.norm, ns, lex, true)) ??
        (t.alt ? heads.find(([, ns]) => isFormOfAny(t.alt!, ns, lex, true)) : undefined) ??
        // an English head as its Danish word ("which school" → "skole")
        (english ? heads.find(([, ns]) => isFormOfAny(foldWord(englishToDanish(t.text, profile).split(' ')[0]), ns, lex, true)) : undefined) ??
        // a head written with one slip ("hvilke komuner")
        heads.find(([, ns]) => ns.some((l) => isSlipOfForm(t.norm, l, lex)));
      const isCases = (t: Token) => is(t, (n) => isFormOfAny(n, lex.listNouns, lex));
      let h = headAfter(whatKind >= 0 ? whatKind - 1 : qi);
      // the noun phrase's head may follow words that describe it ("which special youth education (STU) school …",
      // "hvilken lille kommune …"): the first of its next words that is a head noun, when the first word is none
      if (h >= 0 && !cueHits.some((x) => x.from === h) && !typeOf(toks[h]) && !isCases(toks[h]))
        for (let k = h + 1; k < Math.min(toks.length, h + 1 + NOUN_PHRASE_REACH) && toks[k].sentence === toks[h].sentence; k++) {
          if (toks[k].role !== 'content') break;
          if (typeOf(toks[k]) || isCases(toks[k])) {
            h = k;
            break;
          }
        }
      const head = h >= 0 ? toks[h] : null;
      const headCue = head ? cueHits.find((x) => x.from === h) : undefined;
      const typed = head && typeOf(head);
      // "hvilke projekter …": which cases — a search
      const cases = head && isCases(head);
      answerType = headCue ? headCue.type : typed ? typed[0] : cases ? 'topic' : 'name';
      if (head) {
        cue = `${toks[qi].text} ${head.text}`;
        // a head written with a slip is looked for in the answer as the word it stands for
        const slipOf =
          typed && !isFormOfAny(head.norm, typed[1], lex, true) && !(head.alt && isFormOfAny(head.alt, typed[1], lex, true))
            ? typed[1].find((l) => isSlipOfForm(head.norm, l, lex))
            : undefined;
        // an English head is looked for as its Danish word ("which company" → "virksomhed")
        const danishHead = english ? englishToDanish(head.text, profile).split(' ')[0] : '';
        headWord = slipOf ?? (danishHead || head.text.toLowerCase());
        if (!cases) headIndex = h;
      }
    } else if (kind === 'where') {
      // "hvor godt virkede det?", "hvor effektiv er den?": a word and then the verb ask for a degree, not a place
      // ("hvor ligger den?", "hvor har de fundet …?" put the verb first)
      const [next, after] = [toks[qi + 1], toks[qi + 2]];
      const verb = (t: Token | undefined) => !!t && t.sentence === toks[qi].sentence && (isVerbLike(t.norm, lex) || isFormOfAny(t.norm, lex.resultVerbs, lex));
      const degree =
        next && next.sentence === toks[qi].sentence && (next.role === 'content' || is(next, (n) => lex.fillers.has(n))) && !verb(next) && verb(after);
      const later = degree ? cueHits.find((x) => x.from > qi + 1 && x.type !== 'topic') : undefined;
      // "hvor har de ideen fra?", "hvorfra …": where something came from — the sentence about its origin, a place or not
      const last = toks.filter((t) => t.sentence === toks[qi].sentence).at(-1);
      // "hvor har de fundet de folk?", "hvor fik de pengene?": a past verb of getting, after at most its auxiliary and subject
      const got = toks.slice(qi + 1, qi + 4).some((t) => t.sentence === toks[qi].sentence && lex.sourceVerbs.has(t.norm));
      const origin = !degree && (toks[qi].norm === 'hvorfra' || got || (last !== toks[qi] && !!last && lex.sourcePrepositions.has(last.norm)));
      // where the money came from ("hvor kom pengene fra?") asks who paid
      const money = headNounsOf(lex, 'money');
      const ofMoney = origin && toks.some((t, k) => k > qi && t.sentence === toks[qi].sentence && is(t, (n) => isFormOfAny(n, money, lex, true)));
      answerType = degree ? (later?.type ?? 'result') : ofMoney ? 'money' : origin ? 'origin' : 'place';
      if (degree) cue = `${toks[qi].text} ${next.text}`;
    } else if (kind === 'how') {
      const near = toks.slice(qi + 1, qi + 5);
      // a cue right after "hvordan" ("hvordan blev det finansieret") tells what kind of how; one further on is content
      const later = cueHits.find((x) => x.from > qi && x.from <= qi + 3 && x.type !== 'topic');
      const adopt = cueHits.find((x) => x.from > qi && x.type === 'method');
      if (near.some((t) => isFormOfAny(t.norm, lex.resultVerbs, lex))) answerType = 'result';
      // "hvordan tager vi Borgerdesign i brug", "hvordan starter vi op": how to adopt the case, a way of working
      else if (adopt && (names.length || !toks.some((t, k) => k > qi && t.role === 'content' && !adopt.words.includes(k)))) answerType = 'method';
      else if (search) answerType = 'topic';
      else if (later && ['money', 'result', 'quantity', 'duration', 'frequency', 'method'].includes(later.type)) {
        answerType = later.type;
        cue = say(later);
      } else if (
        !names.length &&
        !subjectPronounAt(toks, qi, lex) &&
        !toks.slice(qi + 1).some((t) => definiteGeneric(t) || isDeterminerBeforeNoun(toks, t, lex))
      ) {
        // "hvordan får børn mere sprog?": a need, not a question about a case
        answerType = 'topic';
        cue = 'search';
      } else answerType = 'method';
    } else if (kind === 'what') {
      const later = cueHits.find((x) => x.from > qi) ?? cueHits[0];
      const rest = toks.slice(qi + 1).filter((t) => t.role === 'content' || t.role === 'closed');
      answerType = later ? later.type : 'detail';
      if (later) cue = say(later);
      // "hvad gør kommunerne ved …", "hvad har andre gjort for …": what is done somewhere — a search
      if ((answerType === 'method' || answerType === 'detail') && hasGenericSubject(toks, qi, lex)) answerType = 'topic';
      // "hvad er Café Ingeborg?": a name and nothing else asks what the case is
      else if (
        !later &&
        rest.length > 1 &&
        lex.auxiliaries.has(rest[0].norm) &&
        rest.slice(1).some((t) => /^\p{Lu}/u.test(t.text)) &&
        rest.slice(1).every((t) => /^\p{Lu}/u.test(t.text) || t.role === 'closed')
      ) {
        answerType = 'overview';
        cue = `${toks[qi].text} ${rest[0].text}`;
      }
    } else if (kind === 'howmuch') {
      answerType = 'quantity';
    } else if (kind) {
      answerType = kind as AnswerType;
    }
  } else if (cueHits.length) {
    const first = cueHits[0];
    answerType = first.type;
    cue = say(first);
  } else {
    // no interrogative, no cue: a yes/no question about a detail, or a search ("hjemløse unge", "findes der …")
    const first = toks[qFrom];
    const verbFirst = first && (isVerbLike(first.norm, lex) || subjectPronoun);
    // a verb-first question after the user's own context ("… Jeg tænker på frivillige – findes det?") asks for cases
    answerType = search || !verbFirst || lastSentence > 0 ? 'topic' : 'detail';
    cue = search ? 'search' : verbFirst ? 'yes/no' : 'keywords';
    // "Sparede de noget på det?", "Fik de støtte fra en fond?": a yes/no question whose own words are a type's sentence cues
    const cued =
      answerType === 'detail'
        ? yesNoCue(
            toks.slice(qFrom).filter((t) => t.sentence === lastSentence),
            lex,
          )
        : null;
    if (cued) [answerType, cue] = [cued.type, `yes/no: ${cued.text}`];
  }
  // "hvad gør kommunerne ved …", "hvad gør Herning Kommune ved …": what is done somewhere, a search
  if (answerType === 'method' && kind === 'what' && (hasGenericSubject(toks, qi, lex) || (names.length > 0 && !subjectPronounAt(toks, qi, lex)))) {
    answerType = 'topic';
    cue = 'search';
  }
  // a request for more cases like the one discussed is answered with cases
  if (similar && !contactHit) answerType = 'topic';
  // "hvad hedder værktøjet": the noun after a name cue is what kind of name, not what about
  if (answerType === 'name' && headIndex < 0) {
    const nameCue = cueHits.find((h) => h.type === 'name');
    const k = nameCue ? headAfter(nameCue.to - 1) : -1;
    // the plain noun only: "webappen med oplevelsesruter" names a particular thing
    if (k >= 0 && toks[k].role === 'content' && is(toks[k], (n) => isFormOfAny(n, headNounsOf(lex, 'name'), lex))) {
      headIndex = k;
      headWord = toks[k].text.toLowerCase();
    }
  }
  // "… Hvem har gjort det?" after the user's own context: who has done this, i.e. which cases
  const contextContact = toks.some((t) => t.sentence < lastSentence && t.role === 'cue');
  const doneIt = toks.some((t) => t.sentence === lastSentence && is(t, (n) => isGenericVerb(n, lex)));
  if (
    answerType === 'person' &&
    !contactHit &&
    !contextContact &&
    kind === 'person' &&
    doneIt &&
    lastSentence > 0 &&
    !toks.some((t, k) => t.sentence === lastSentence && t.role === 'content' && k !== qi) &&
    !cueHits.length
  ) {
    answerType = 'topic';
    cue = 'search';
  }
  // a question phrased as a search is a topic question, unless it asks for a person
  // ("Er der nogen, der …", "Kan man lade dem betale …": the cue words are the need, not the kind of answer)
  // unless the opener is itself part of a cue ("Er der mange ansatte …?" asks how many)
  const opensWithCue = cueHits.some((h) => h.from === qFrom);
  const spreadOfCase = answerType === 'spread' && pointsBack;
  if (
    search &&
    answerType !== 'person' &&
    !spreadOfCase &&
    !contactHit &&
    !opensWithCue &&
    (existential || cueHits.every((h) => h.from < qFrom || h.type === 'topic'))
  ) {
    answerType = 'topic';
    cue = 'search';
  }
  // a fixed expression ("stille til rådighed", "få fat i", "på skift") says nothing of the topic; its words that are cue words stay cues
  const cueWords = new Set(cueHits.flatMap((h) => h.words));
  for (const [from, end] of fixed) for (let k = from; k < end; k++) if (!cueWords.has(k)) mark(k, k + 1, 'filler');
  // "til mere end bare kaffe og kage", "andet end et værelse": what follows a contrast, to the end of the clause, is what the
  // asker has or does not want; its words are still searched (they say what kind of thing), but are no head words of the
  // decision to answer (unless nothing else is left)
  const contrast: string[] = [];
  for (const words of lex.contrastOpeners)
    for (let at = find(toks, words, lex, false); at; at = find(toks, words, lex, false, at[1])) {
      let end = at[1];
      while (end < toks.length && toks[end].sentence === toks[at[0]].sentence && !question.slice(toks[end - 1].end, toks[end].start).includes(',')) end++;
      const within = toks.slice(at[1], end).filter((t) => t.role === 'content');
      if (toks.some((t, k) => t.role === 'content' && (k < at![0] || k >= end))) contrast.push(...within.map((t) => t.text.toLowerCase()));
    }
  if (answerType === 'quantity') {
    // the cue's last word, or the interrogative written as one word ("hvormange")
    const at = cueHits.find((h) => h.type === 'quantity') ?? (qi >= 0 && kind === 'howmuch' ? { from: qi, to: qi + 1 } : undefined);
    // "antallet af magtanvendelser": a quantity cue other than the question's own, with what it counts after a partitive
    const counted = (): number => {
      const other = cueHits.find(
        (x) => x.type === 'quantity' && x !== at && toks[x.to]?.sentence === toks[x.from].sentence && lex.partitives.has(toks[x.to].norm),
      );
      const noun = other ? toks[other.to + 1] : undefined;
      return other && noun?.role === 'content' && noun.sentence === toks[other.from].sentence ? other.to + 1 : -1;
    };
    let h = at ? headAfter(at.to - 1) : -1;
    // "hvor mange af de 20 deltagere …": the noun after the number
    if (h >= 0 && /^\d+$/.test(toks[h].norm)) h = headAfter(h);
    // the noun counted stands before the verb: "hvor mange elever deltog", not "hvor mange fik et lån" or "er der mange, der bruger den" (how many people)
    // (so is a verb right after the cue with no noun between: "hvor mange faldt fra?", "hvor mange gik ud af skolen?")
    // (so is a verb in the past tense right after the cue with no finite verb or subject after it: "hvor mange deltog?", "hvor
    // mange gennemførte?", "hvor mange droppede ud?"; with a verb after it, it is a participle used as a noun: "hvor mange
    // tilmeldte er der?", and so is a word for people: "mange ansatte"; with a subject, something else is counted: "hvor mange
    // sparede de?")
    const finiteAfter = (k: number) => toks[k + 1]?.sentence === toks[k].sentence && isVerbLike(toks[k + 1].norm, lex);
    const verbFirst =
      at &&
      h >= 0 &&
      (toks.slice(at.to, h).some((t) => isVerbLike(t.norm, lex) || lex.relatives.has(t.norm)) ||
        (h === at.to &&
          isPastForm(toks[h].norm, lex) &&
          !isFormOfAny(toks[h].norm, lex.peopleNouns, lex) &&
          !finiteAfter(h) &&
          !isPronounSubject(toks, h + 1, lex)));
    // nothing named after the cue but a verb, with no subject of its own: the count is its subject, people ("hvor mange har
    // været igennem?", "hvor mange var med?"); not "hvor mange er der?" nor "hvor mange har de?", which count a thing said before
    const next = at ? toks[at.to] : undefined;
    const bare =
      !!at &&
      h < 0 &&
      next?.sentence === toks[at.from].sentence &&
      isVerbLike(next.norm, lex) &&
      !isPronounSubject(toks, at.to + 1, lex) &&
      !(toks[at.to + 1]?.sentence === next.sentence && lex.expletives.has(toks[at.to + 1].norm));
    // a word with a pronoun right after it is the finite verb before its subject, nothing counted: "hvor meget sparer de?";
    // so is one with its object right after it, a noun in its definite form: "hvor mange bestod prøven?" (people counted)
    const object = h >= 0 && toks[h + 1]?.sentence === toks[h].sentence && toks[h + 1].role === 'content' && isDefinite(toks, h + 1, lex);
    const inverted = h >= 0 && (isPronounSubject(toks, h + 1, lex) || object);
    // "hvor stor var besparelsen?", "hvor stor en andel …", "hvor meget tid …": the noun asked about says money, a share or a duration
    const counting = at && (lex.quantifiers.has(toks[at.to - 1].norm) || lex.interrogatives.get(toks[at.to - 1].norm) === 'howmuch');
    // the noun may follow an adjective or a verb the profile does not know ("det årlige budget", "steg andelen")
    const nouns = h < 0 ? [] : [h, h + 1].filter((k) => toks[k]?.role === 'content' && toks[k].sentence === toks[h].sentence);
    const typedAt =
      h >= 0 && (verbFirst || !counting)
        ? nouns.flatMap((k) =>
            (['money', 'percentage', 'duration'] as const)
              .filter((t) => is(toks[k], (n) => isFormOfAny(n, headNounsOf(lex, t), lex, true)))
              .map((t) => [k, t] as const),
          )[0]
        : undefined;
    if (typedAt) {
      answerType = typedAt[1];
      toks[typedAt[0]].role = 'cue';
    } else if (counting && (verbFirst || object || bare)) countsPeople = true;
    else if (h >= 0 && toks[h].role === 'content' && !verbFirst && !inverted) {
      // an adjective before the noun ("hvor mange hjemløse unge har …"): the noun is the word right before the verb
      const [noun, verb] = [toks[h + 1], toks[h + 2]];
      const beforeVerb = noun?.role === 'content' && noun.sentence === toks[h].sentence && verb?.sentence === noun.sentence && isVerbLike(verb.norm, lex);
      unit = (beforeVerb ? noun : toks[h]).text.toLowerCase();
    }
    const countedAt = unit || answerType !== 'quantity' ? -1 : counted();
    if (countedAt >= 0) unit = toks[countedAt].text.toLowerCase();
  }

  // "samme kommune", "den samme region": the organisation behind the case discussed, no topic
  let sameOrganisation = false;
  for (let i = 0; i + 1 < toks.length; i++) {
    const next = toks[i + 1];
    if (!lex.same.has(toks[i].norm) || next.sentence !== toks[i].sentence) continue;
    if (!lex.headNouns.some(([t, ns]) => (t === 'organisations' || t === 'place') && is(next, (n) => isFormOfAny(n, ns, lex, true)))) continue;
    sameOrganisation = true;
    toks[i].role = 'reference';
    next.role = 'reference';
  }
  if (elseOfPronoun) sameOrganisation = true;

  // --- focus words: what is left ---
  for (const h of cueHits) for (const k of h.words) mark(k, k + 1, 'cue');
  // the head noun of "hvilke kommuner …" says what kind of answer is wanted, not what about
  if (headIndex >= 0) mark(headIndex, headIndex + 1, 'cue');
  // in a question about a person, the role named ("projektansvarlig", "leder") says who, not what about
  if (answerType === 'person') for (const t of toks) if (t.role === 'content' && is(t, (n) => isFormOfAny(n, lex.personNouns, lex, true))) t.role = 'cue';
  for (const [i, t] of toks.entries()) {
    if (t.role !== 'content') continue;
    // a digit, or a number written as a word ("går i nul", "de fem kommuner"), is no topic
    if ((/^\d+$/.test(t.norm) && t.norm.length < 2) || Object.hasOwn(profile.spans.numberWords, t.norm)) t.role = 'closed';
    else if ((is(t, (n) => isGenericVerb(n, lex) || isFormOfAny(n, lex.genericNouns, lex)) && !doneByOthers(toks, i, lex)) || isImperative(toks, i, lex))
      t.role = 'generic';
    else if (talk(t)) t.role = 'filler';
  }
  // a verb's particle goes with it ("spritte af"): the search looks for the word the two make as one
  const particles = toks.map((t, i) => (t.role === 'content' ? particleAfter(question, toks, i, lex) : null));
  const withParticle = (i: number) => (particles[i] ? `${toks[i].text.toLowerCase()} ${particles[i]}` : toks[i].text.toLowerCase());
  const contentAt = toks.flatMap((t, i) => (t.role === 'content' ? [i] : []));
  const focus: FocusWord[] = contentAt.map((i) => {
    const [t, particle] = [toks[i], particles[i]];
    return {
      word: t.text.toLowerCase(),
      norm: t.norm,
      context: t.sentence < lastSentence,
      definite: isDefinite(toks, i, lex),
      ...(particle ? { particle } : {}),
    };
  });
  const typeWords = toks.filter((t) => t.role === 'cue').map((t) => t.norm);

  // with no focus words (a case named by closed-class words: "Sammen om min vej"), the question's words less its scaffolding
  const fallback = toks.filter((t) => t.role === 'closed' || t.role === 'content').map((t) => t.text.toLowerCase());
  const words = contentAt.map(withParticle).join(' ');
  const openingAt = toks.flatMap((t, i) => (t.role === 'content' || (t.role === 'generic' && definiteGeneric(t)) ? [i] : []));
  const searchText = english ? englishToDanish(focus.map((f) => toks.find((t) => t.norm === f.norm)?.text ?? f.word).join(' '), profile) : words;
  // what the question gives of its own: focus words other than the unit counted or the head noun asked for
  const own = focus.filter((f) => f.word !== unit && f.word !== headWord);
  const followUp =
    refinement !== null || ordinal !== null || similar || (!switched && (own.length === 0 || (pronoun && own.length <= 2 && !search && !names.length)));
  // a search for cases ("har nogen …", "findes der …") after sentences that tell of a need of its own ("Beboerne klager over
  // larm … Har nogen gjort noget ved det?"): its pronoun points at what the message told, not at the case discussed;
  // a question about the case ("Vi har mange tosprogede familier. Kunne det bruges hos os?") still leans on it
  const told = existential && lastSentence > 0 && toks.filter((t) => t.sentence < lastSentence && t.role === 'content').length >= TOLD_WORDS;
  return {
    question,
    english,
    smallTalk,
    answerType,
    ...secondQuestion(toks, qFrom, answerType, interrogativeAt, question, profile),
    // "Jeg vil gerne have fat i lederen … Hvem er det?": the contact asked for in the context
    contact: contactHit !== undefined || (answerType === 'person' && toks.some((t) => t.sentence < lastSentence && t.role === 'cue')),
    unit,
    genericUnit: unit !== null && isGenericUnit(foldWord(unit), profile, lex),
    countsPeople,
    when: timeOf(
      toks.filter((t) => t.sentence === lastSentence),
      lex,
    ),
    head: headWord,
    cue,
    search,
    amount: answerType === 'money' && cueHits.some((h) => h.type === 'money') && cueHits.every((h) => h.type !== 'money' || h.amount),
    focus,
    contrast,
    typeWords,
    names,
    refs: {
      pronoun,
      subjectPronoun: subjectPronoun && !told,
      objectPronoun:
        !told &&
        toks.some(
          (t, i) =>
            i > 0 &&
            isAnaphor(t, lex) &&
            !lex.expletives.has(t.norm) &&
            toks[i - 1].sentence === t.sentence &&
            // after a preposition ("om det?") or as the object of a verb ("før de måtte gøre det?")
            (lex.prepositions.has(toks[i - 1].norm) ||
              lex.auxiliaries.has(toks[i - 1].norm) ||
              (toks[i - 1].role !== 'closed' && toks[i - 1].role !== 'interrogative')) &&
            // last in its sentence: "om det?", not "på det andet bibliotek" nor "uden at det skal …"
            toks[i + 1]?.sentence !== t.sentence,
        ),
      continues: !refinement && !newNeed && !!toks[qFrom] && lex.continuers.has(toks[qFrom].norm),
      similar,
      similarKind,
      ordinal,
      partOf,
      refinement,
      switch: switched,
      sameOrganisation,
      else: elseAt > 0 || (similar && otherCases),
    },
    followUp,
    searchText,
    openingText: !english && openingAt.length > focus.length ? openingAt.map(withParticle).join(' ') : searchText,
    fallbackText: english ? englishToDanish(fallback.join(' '), profile) || fallback.join(' ') : fallback.join(' '),
    tokens: toks,
    modifiers: english ? [] : modifiersOf(toks, question, lex, profile),
  };
}

/**
 * The prepositional phrases that restrict a content word: a preposition right after it, in the same
 * clause, and the content words of the noun phrase that follows: through articles, determiners,
 * further prepositions and words joined by "og"/"eller", up to a comma or other stop, a verb or any
 * other closed word ("…, som vil starte", "til at starte"). Units of time are left out: "om året" says
 * when, not for whom. Pure.
 */
export function modifiersOf(toks: Token[], question: string, lex: Lexicon, profile: LanguageProfile): Modifier[] {
  // a unit of time says when or how often ("hvad koster de for hele året?"), not for whom or where
  const time = (t: Token) => isTimeUnit(t.norm, profile, lex);
  const joined = (a: Token, b: Token) => a.sentence === b.sentence && !/[,;:.!?()–—]/u.test(question.slice(a.end, b.start));
  const out: Modifier[] = [];
  for (let i = 1; i < toks.length; i++) {
    if (!lex.prepositions.has(toks[i].norm) || toks[i - 1].role !== 'content' || !joined(toks[i - 1], toks[i])) continue;
    const words: string[] = [];
    for (let j = i + 1; j < toks.length && joined(toks[j - 1], toks[j]); j++) {
      const n = toks[j].norm;
      // a noun phrase goes on through its articles, adjectives and phrases ("for enlige fædre med små børn"), not past a verb
      if (lex.infinitiveMarkers.has(n) || lex.relatives.has(n)) break;
      if (toks[j].role === 'content') {
        // a noun in its definite form ends its phrase: a word right after it is another ("i foreningen løn")
        if (toks[j - 1].role === 'content' && j - 1 > i && isDefinite(toks, j - 1, lex)) break;
        if (!time(toks[j])) words.push(toks[j].text.toLowerCase());
      } else if (
        !(
          toks[j].role === 'filler' ||
          lex.prepositions.has(n) ||
          lex.articles.has(n) ||
          lex.determiners.has(n) ||
          lex.quantifiers.has(n) ||
          lex.wordJoiners.has(n)
        )
      )
        break;
    }
    if (words.length) out.push({ head: toks[i - 1].text.toLowerCase(), words });
  }
  return out;
}

/** Answer types of facts a second, joined question may add to an answer. */
export const FACT_TYPES: ReadonlySet<AnswerType> = new Set([
  'money',
  'quantity',
  'percentage',
  'date',
  'duration',
  'frequency',
  'place',
  'name',
  'person',
  'organisations',
]);

/**
 * The answer type of a second question joined to the first by a conjunction ("Hvor ofte holdes de,
 * og hvor længe afprøves en idé?", "which school …, and what is the project called?"): the part from
 * the second interrogative on, analysed as a question of its own; with the unit it counts, when any.
 */
function secondQuestion(
  toks: Token[],
  qFrom: number,
  first: AnswerType,
  interrogativeAt: (i: number) => boolean,
  question: string,
  profile: LanguageProfile,
): { also: AnswerType | null; alsoUnit: string | null } {
  const { coordinators } = lexiconOf(profile);
  for (let i = qFrom + 2; i < toks.length - 1; i++) {
    if (!coordinators.has(toks[i - 1].norm) || !interrogativeAt(i)) continue;
    const second = analyse(question.slice(toks[i].start), profile);
    return second.answerType !== first && FACT_TYPES.has(second.answerType) ? { also: second.answerType, alsoUnit: second.unit } : NO_SECOND;
  }
  return NO_SECOND;
}

const NO_SECOND = { also: null, alsoUnit: null } as const;

/** How many words a cleft's relative may stand after its verb ("det er [de frivillige fra kirken], der …"). */
const CLEFT_REACH = 5;

/**
 * The particle of a particle verb after the word at `i`, or after it and a pronoun for its subject or an adverb:
 * a verb particle that ends its clause, or is followed by a preposition, a conjunction or a
 * relative ("spritte af", "faldt fra på skolerne", "fulgte de op på", "købe ind og …"); null
 * otherwise ("hjælp til ældre" has a noun after "til", "til at komme" an infinitive).
 */
function particleAfter(text: string, toks: Token[], i: number, lex: Lexicon): string | null {
  const adverb = (t: Token | undefined) =>
    !!t &&
    t.sentence === toks[i].sentence &&
    lex.particles.has(t.norm) &&
    !lex.conjunctions.has(t.norm) &&
    !lex.relatives.has(t.norm) &&
    !lex.verbParticles.has(t.norm);
  // with the subject between in a question ("hvordan fulgte de op på …"), or an adverb of the closed class ("er røget helt ud af …")
  let k = i + 1;
  if (toks[k] && lex.pronouns.has(toks[k].norm) && toks[k].sentence === toks[i].sentence) k++;
  while (adverb(toks[k]) && k < i + 3) k++;
  const next = toks[k];
  if (!next || next.sentence !== toks[i].sentence || next.role === 'content' || !lex.verbParticles.has(next.norm)) return null;
  // adverbs of the closed class may stand after it ("falder fra allerede i første år", "kom op igen")
  let m = k + 1;
  while (adverb(toks[m])) m++;
  const after = toks[m];
  // the clause ends after it, or a preposition, a conjunction or a relative follows: not an article or a quantifier, which
  // open a noun phrase ("med en plan", "med mere tillid"), nor the "at" of an infinitive ("få en skoleklasse til at komme")
  const ends =
    !after ||
    after.sentence !== next.sentence ||
    /[,;]/.test(text.slice(next.end, after.start)) ||
    (!lex.infinitiveMarkers.has(after.norm) && (lex.prepositions.has(after.norm) || lex.conjunctions.has(after.norm) || lex.relatives.has(after.norm)));
  return ends ? next.text.toLowerCase() : null;
}

/** A relative ("der", "som") right after a content word: "ældre, der bor alene". It points at that word, not back. */
function isRelativeAt(toks: Token[], i: number, lex: Lexicon): boolean {
  const before = toks[i - 1];
  return lex.relatives.has(toks[i].norm) && !!before && before.sentence === toks[i].sentence && before.role === 'content';
}

/**
 * Whether a pronoun opens a cleft sentence: next to the cleft verb ("det er", "er det"), with a
 * relative ("der", "som") a few words on in the same sentence. It points at what the relative
 * clause says, not back: "hvor det er frivillige, der læser for børnene".
 */
function isCleft(toks: Token[], t: Token, lex: Lexicon): boolean {
  const i = toks.indexOf(t);
  if (!lex.cleftPronouns.has(t.norm)) return false;
  const same = (k: number) => toks[k] !== undefined && toks[k].sentence === t.sentence;
  const verbAfter = same(i + 1) && lex.cleftVerbs.has(toks[i + 1].norm);
  const verbBefore = same(i - 1) && lex.cleftVerbs.has(toks[i - 1].norm);
  if (!verbAfter && !verbBefore) return false;
  // after the pronoun and the verb: at least one word, then the relative
  const from = verbAfter ? i + 2 : i + 1;
  for (let k = from + 1; k <= from + CLEFT_REACH && same(k); k++) if (lex.relatives.has(toks[k].norm)) return true;
  return false;
}

/**
 * "de unge", "den plan": a determiner before a content word is no pronoun pointing back. A word in
 * -r that ends the sentence after it is a verb in the present, not a noun: "hvor meget CO2 det
 * sparer?" points back.
 */
function isDeterminerBeforeNoun(toks: Token[], t: Token, lex: Lexicon): boolean {
  const i = toks.indexOf(t);
  const next = toks[i + 1];
  if (next === undefined || next.sentence !== t.sentence || lex.closed.has(next.norm) || lex.interrogatives.has(next.norm) || !lex.determiners.has(t.norm))
    return false;
  if (next.norm.endsWith('r') && toks[i + 2]?.sentence !== t.sentence) return false;
  return !isInvertedSubject(toks, i, lex);
}

/**
 * Whether the pronoun at `i` is the subject after a finite auxiliary of the perfect or passive
 * (`perfectAuxiliaries`), with a participle after it:
 * "hvor mange penge har de sparet?", "er det blevet brugt?". A determiner stands before a noun in
 * its indefinite form ("har de unge fået job?"); a word in -t after it ("sparet", "brugt") is a participle.
 */
function isInvertedSubject(toks: Token[], i: number, lex: Lexicon): boolean {
  const [before, next] = [toks[i - 1], toks[i + 1]];
  return !!before && !!next && before.sentence === toks[i].sentence && lex.perfectAuxiliaries.has(before.norm) && isParticiple(next, lex);
}

/**
 * Whether the pronoun at `i` is the subject after the finite verb of a question whose question phrase
 * stands first ("hvor mange forsøg satte **de** i gang?", "hvilke borgere hjalp **de**?"): a verb right
 * before it, and no noun after it that it would be the determiner of ("hjalp de unge").
 */
function isSubjectAfterVerb(toks: Token[], i: number, lex: Lexicon): boolean {
  const before = toks[i - 1];
  return (
    !!before &&
    before.sentence === toks[i].sentence &&
    (before.role === 'generic' || isVerbLike(before.norm, lex)) &&
    !isDeterminerBeforeNoun(toks, toks[i], lex) &&
    toks.slice(0, i - 1).some((t) => t.sentence === toks[i].sentence && lex.interrogatives.has(t.norm))
  );
}

/**
 * Where the question proper places what it asks in time (see `Analysis.when`): a time cue of the profile, each word in
 * any form, or "have" with a participle after it ("har været", "har de hjulpet").
 */
function timeOf(proper: Token[], lex: Lexicon): 'soFar' | 'expected' | null {
  const holds = (phrases: string[][]) => phrases.some((p) => proper.some((_, i) => matchAt(proper, i, p, lex, true) >= 0));
  if (holds(lex.timeCues.expected)) return 'expected';
  const perfect = proper.some((t, i) => lex.haveAuxiliaries.has(t.norm) && proper.slice(i + 1, i + 3).some((n) => isParticiple(n, lex)));
  return holds(lex.timeCues.soFar) || holds(lex.timeCues.now) || perfect ? 'soFar' : null;
}

/** Whether a word may be a participle: a word in -t of four letters or more, no pronoun ("sparet", "brugt", "været"). */
function isParticiple(t: Token, lex: Lexicon): boolean {
  return t.norm.endsWith('t') && t.norm.length >= 4 && !lex.pronouns.has(t.norm);
}

/**
 * Whether the word at `i` is a personal pronoun standing alone in the sentence of the word before it, as a subject does
 * ("sparer **de**"), not a determiner ("de unge") nor a pronoun in its object or reflexive form ("meldte **sig**").
 */
function isPronounSubject(toks: Token[], i: number, lex: Lexicon): boolean {
  const t = toks[i];
  // "i" is the preposition, unless written "I"
  const preposition = lex.prepositions.has(t?.norm ?? '') && t?.text !== 'I';
  return (
    !!t &&
    i > 0 &&
    t.sentence === toks[i - 1].sentence &&
    lex.pronouns.has(t.norm) &&
    !preposition &&
    !lex.relatives.has(t.norm) &&
    !lex.objectPronouns.has(t.norm) &&
    !isDeterminerBeforeNoun(toks, t, lex)
  );
}

/** Whether the subject right after the interrogative is a pronoun pointing back ("hvad gør de …"). */
function subjectPronounAt(toks: Token[], qi: number, lex: Lexicon): boolean {
  return toks.slice(qi + 1, qi + 4).some((t) => isAnaphor(t, lex) && !isDeterminerBeforeNoun(toks, t, lex) && !lex.expletives.has(t.norm));
}

/** A generic subject ("man", "vi", "kommuner") within the few words after "hvordan": a search for ways, not a question about one case. */
function hasGenericSubject(toks: Token[], qi: number, lex: Lexicon): boolean {
  const near = toks.slice(qi + 1, qi + 4);
  if (near.some((t) => isAnaphor(t, lex) && !isDeterminerBeforeNoun(toks, t, lex))) return false;
  if (near.some((t) => lex.genericSubjects.has(t.norm))) return true;
  // a noun in general after the verb: bare ("hvor kan unge med angst finde hjælp?") or after an indefinite article ("hvordan
  // kan en borger få …"); not one taken as known ("hvor kan borgerne se den?") nor a name
  // (after a modal: "kan", "skal"; "hvor har roskilde kommune fået …" asks of one subject)
  const verb = toks[qi + 1]?.norm ?? '';
  const at = lex.auxiliaries.has(verb) && !lex.perfectAuxiliaries.has(verb) ? qi + 2 : -1;
  if (at < 0) return false;
  const noun = lex.indefiniteArticles.has(toks[at]?.norm ?? '') ? at + 1 : at;
  const t = toks[noun];
  return !!t && t.sentence === toks[qi].sentence && t.role === 'content' && !/^\p{Lu}/u.test(t.text) && !isDefinite(toks, noun, lex);
}

/**
 * A noun taken as known: in its definite form, a definite ending ("fond|en", "program|met") on a
 * stem of three letters or more after no indefinite article, or after a word pointing at a kind
 * already spoken of ("sådan en dims").
 */
function isDefinite(toks: Token[], i: number, lex: Lexicon): boolean {
  const t = toks[i];
  // "sådan en dims", "sådanne robotter": a thing of the kind already spoken of
  if ([toks[i - 1], toks[i - 2]].some((p) => p && p.sentence === t.sentence && lex.kindPointers.has(p.norm))) return true;
  const ending = lex.definiteEndings.find((e) => t.norm.endsWith(e) && t.norm.length - e.length >= 3);
  return !!ending && !(i > 0 && lex.indefiniteArticles.has(toks[i - 1].norm));
}

/** A generic verb's imperative, its stem opening a sentence: "Vis mig …", "Giv mig …", "Find …". */
function isImperative(toks: Token[], i: number, lex: Lexicon): boolean {
  const t = toks[i];
  return isSentenceStart(toks, i) && t.norm.length >= 3 && lex.genericVerbs.includes(`${t.norm}e`);
}

/** The cues whose key opens a word of the question, in the lexicon's order (the cues' priority). */
function cuesOpening(opening: ReadonlyMap<string, number[]>, lex: Lexicon): Lexicon['cues'] {
  const found: number[] = [];
  for (const key of opening.keys()) for (const n of lex.cuesByKey.get(key) ?? []) found.push(n);
  return found.sort((a, b) => a - b).map((n) => lex.cues[n]);
}

/**
 * Whether a verb of perceiving or telling at `i` is what others do, a topic: right after a relative
 * ("frivillige, der læser for børnene") or a noun for its subject ("borgerne fortæller"), not after
 * the asker or an auxiliary ("jeg har læst om …", "kan du fortælle …").
 */
function doneByOthers(toks: Token[], i: number, lex: Lexicon): boolean {
  if (!isFormOfAny(toks[i].norm, lex.perceptionVerbs, lex)) return false;
  let j = i - 1;
  while (j >= 0 && toks[j].sentence === toks[i].sentence && lex.particles.has(toks[j].norm)) j--;
  const before = toks[j];
  if (!before || before.sentence !== toks[i].sentence) return false;
  return (lex.relatives.has(before.norm) && j > 0 && toks[j - 1].role === 'content') || before.role === 'content';
}

/** Forms of the generic verbs; short lemmas ("stå", "gå") only with verb endings, so "stat" is no form of "stå". */
function isGenericVerb(norm: string, lex: Lexicon): boolean {
  return lex.genericVerbForms.has(norm);
}

/** How many words after the first may still be the head of a "hvilken …" noun phrase ("which special youth education (STU) school"). */
const NOUN_PHRASE_REACH = 4;

/**
 * The first of the profile's `yesNoCueTypes` whose sentence cue (weak or not) a yes/no question's words hold, as
 * the words in a row ("økonomisk støtte"), the last in any form or as a compound's tail; a name
 * (capitalised inside the question) is no cue: "Fik Bikubenfonden …" says who, not that money is asked about.
 */
function yesNoCue(toks: Token[], lex: Lexicon): { type: AnswerType; text: string } | null {
  const words = toks.filter((t, i) => i === 0 || !/^\p{Lu}/u.test(t.text));
  for (const type of lex.profile.yesNoCueTypes)
    for (const phrase of cuesOf(lex, type))
      for (let i = 0; i + phrase.length <= words.length; i++)
        if (phrase.every((p, k) => isForm(words[i + k].norm, p, lex, k === phrase.length - 1)))
          return {
            type,
            text: words
              .slice(i, i + phrase.length)
              .map((w) => w.text)
              .join(' '),
          };
  return null;
}
