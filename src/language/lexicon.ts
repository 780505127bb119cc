import { Memo, memoPerOwner } from '../cache.js';
import { MEMO_LIMITS } from '../config.js';
import { foldDanish, foldDigraphs } from '../text/fold.js';
import { danish } from './da.js';
import type { AnswerType, LanguageProfile, TypeCue } from './profile.js';

/**
 * A profile compiled for matching: folded word sets, lemma bases and tokenised phrases, made once
 * per profile. Words are compared folded (lower case, æ/ae→a, ø/oe→o, å/aa→a, accents dropped), so
 * questions typed without Danish letters match as well.
 */
export interface Lexicon {
  profile: LanguageProfile;
  closed: Set<string>;
  /** The auxiliaries ("har", "blev", "er"), folded. */
  auxiliaries: Set<string>;
  /** Each answer type's sentence cues, each a phrase of folded words ("sammen med" → ["sammen", "med"]). */
  sentenceCues: Array<[AnswerType, string[][]]>;
  /** The profile's weak sentence cues, compiled the same way. */
  weakSentenceCues: Array<[AnswerType, string[][]]>;
  /** The profile's time cues (`timeCues`), compiled the same way. */
  timeCues: Record<'soFar' | 'expected' | 'now', string[][]>;
  /** Words for people (`spans.peopleNouns`) and for anyone (`spans.anyPeople`), folded. */
  peopleNouns: string[];
  anyPeople: string[];
  anaphora: Set<string>;
  interrogatives: Map<string, LanguageProfile['interrogatives'][string]>;
  genericVerbs: string[];
  genericNouns: string[];
  fillers: Set<string>;
  /** Fixed expressions by their first folded word, longest first. */
  fixedExpressions: Map<string, string[][]>;
  /** Cues as folded words; `key` is the first two letters of the first word, where a match can start. */
  cues: Array<{ words: string[]; type: AnswerType; contact: boolean; amount: boolean; length: number; key: string }>;
  /** The money sentence cues that say what it cost ("gratis"), not only who paid (`payerCues`), compiled as `sentenceCues`. */
  costCues: string[][];
  headNouns: Array<[AnswerType, string[]]>;
  personNouns: string[];
  professionKinds: string[];
  resultVerbs: string[];
  genericSubjects: Set<string>;
  searchOpeners: string[][];
  whatKindOf: string[][];
  similar: string[][];
  /** The profile's contrast openers as word sequences. */
  contrastOpeners: string[][];
  refinementOpeners: string[][];
  switches: string[][];
  ordinals: Array<{ words: string[]; index: number }>;
  listNouns: string[];
  other: Set<string>;
  same: Set<string>;
  weakSimilar: Set<string>;
  additives: Set<string>;
  indefiniteSubjects: Set<string>;
  elseWords: Set<string>;
  /** The closed class's particles ("også", "ikke") and conjunctions ("og", "eller"), folded. */
  particles: Set<string>;
  /** The particles of particle verbs ("af", "op", "fra"), folded. */
  verbParticles: Set<string>;
  /** The infinitive markers ("at", "to"), folded. */
  infinitiveMarkers: Set<string>;
  conjunctions: Set<string>;
  /** The interrogatives of six letters or more: those a slip of the keyboard may be read as. */
  typoInterrogatives: string[];
  /**
   * Every form of the generic verbs: the lemma, and the lemma (less a final -e when longer than four
   * letters) plus an ending; short lemmas ("stå", "gå") only with verb endings, so "stat" is no form of "stå".
   */
  genericVerbForms: Set<string>;
  /** Past tense forms of strong and irregular verbs (`grammar.strongPast`), folded. */
  strongPast: Set<string>;
  /** Verb particles and unstressed verb prefixes (`grammar.verbPrefixes`), folded, longest first. */
  verbPrefixes: string[];
  /** Endings of the weak past tense (`grammar.weakPastEndings`), folded. */
  weakPastEndings: string[];
  /** The indexes of the cues (in `cues`) under each key: those that may start where a word opens with it. */
  cuesByKey: Map<string, number[]>;
  coordinators: Set<string>;
  wordJoiners: Set<string>;
  relatives: Set<string>;
  objectPronouns: Set<string>;
  expletives: Set<string>;
  cleftPronouns: Set<string>;
  cleftVerbs: Set<string>;
  perceptionVerbs: string[];
  perfectAuxiliaries: Set<string>;
  haveAuxiliaries: Set<string>;
  continuers: Set<string>;
  definiteEndings: string[];
  indefiniteArticles: Set<string>;
  kindPointers: Set<string>;
  partitives: Set<string>;
  ordinalArticles: Set<string>;
  determiners: Set<string>;
  /** The articles of the closed class ("en", "et", "den"), folded. */
  articles: Set<string>;
  /** The closed class's prepositions, personal pronouns and quantifiers, folded ("på" → "pa"). */
  prepositions: Set<string>;
  pronouns: Set<string>;
  quantifiers: Set<string>;
  measureNouns: Set<string>;
  contactHeads: string[];
  shortVerbEndings: string[];
  sourcePrepositions: Set<string>;
  sourceVerbs: Set<string>;
  negations: Set<string>;
  smallTalk: Set<string>;
  endings: string[];
}

/** Lower case, Danish letters folded to their ASCII base, accents dropped, pairs kept: "Hvornår" → "hvornar", "temaer" → "temaer". */
export function foldWord(word: string): string {
  return word.length > FOLD_MEMO_LENGTH ? foldDanish(word, false) : FOLDED.get(word, (w) => foldDanish(w, false));
}

/** Words (not texts) are remembered folded: the same words recur in every question and sentence. */
const FOLD_MEMO_LENGTH = 40;
const FOLDED = new Memo<string, string>(MEMO_LIMITS.words);
const DIGRAPH_FOLDED = new Memo<string, string | null>(MEMO_LIMITS.words);

/**
 * The folded word with Danish letters typed as two ("hjemloese", "hvornaar") read as one, or null
 * when it has no such pair. Kept apart from `foldWord` because real words hold the pairs too ("temaer").
 * A word written with a Danish letter is spelt in Danish letters: its pairs are real ("fået" is no "fæt").
 */
export function digraphFold(word: string): string | null {
  return DIGRAPH_FOLDED.get(word, (w) => {
    if (/[æøåÆØÅ]/.test(w)) return null;
    const f = foldWord(w);
    const d = foldDigraphs(f);
    return d === f ? null : d;
  });
}

/**
 * Whether a folded word has the form of a past tense: a strong past form ("gik", "tog"), one after a particle or
 * prefix ("deltog", "bestod", "udkom"), or a weak past ending after a stem of three letters or more ("startede",
 * "mødte"). Only the form: a participle used as a noun ("de ansatte") has it too, so the caller looks at the words around.
 */
export function isPastForm(norm: string, lex: Lexicon): boolean {
  if (lex.strongPast.has(norm)) return true;
  for (const p of lex.verbPrefixes) {
    const rest = norm.slice(p.length);
    if (norm.startsWith(p) && rest.length >= 3 && lex.strongPast.has(rest)) return true;
  }
  return lex.weakPastEndings.some((e) => norm.endsWith(e) && norm.length >= e.length + 3);
}

/** The words of a text, in order, with their place: letters and digits, inner `.`, `-` and `'` kept ("f.eks", "e-mail"). */
export function tokens(text: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*|%|€/gu)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** A phrase as folded words, `*` kept as a wildcard. */
function phraseWords(p: string): string[] {
  return p
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w === '*' || w === '**' ? w : foldWord(w)));
}

const compiled = new WeakMap<LanguageProfile, Lexicon>();

/** The profile compiled for matching (once per profile). */
export function lexiconOf(profile: LanguageProfile = danish): Lexicon {
  let lex = compiled.get(profile);
  if (lex) return lex;
  const set = (xs: string[]) => new Set(xs.map(foldWord));
  const cue = (c: TypeCue) => {
    const words = phraseWords(c.phrase);
    return {
      words,
      type: c.type,
      contact: c.contact ?? false,
      amount: c.amount ?? false,
      length: words.filter((w) => w !== '*' && w !== '**').length,
      key: words[0].slice(0, 2),
    };
  };
  const interrogatives = new Map(Object.entries(profile.interrogatives).map(([k, v]) => [foldWord(k), v] as const));
  const genericVerbs = profile.genericVerbs.map(foldWord);
  const shortVerbEndings = profile.grammar.shortVerbEndings.map(foldWord);
  const endings = [...new Set(profile.inflections.map(foldWord))].sort((a, b) => b.length - a.length);
  // a particle verb is written as one word ("afsætte", "afsat") or split with the particle after ("sætte af", "sat … af"):
  // a one-word cue that opens with a particle is also a cue in its split forms
  const particles = profile.grammar.verbParticles.map(foldWord).sort((a, b) => b.length - a.length);
  const splitForms = (c: TypeCue): TypeCue[] => {
    const n = /\s/.test(c.phrase) ? 0 : (particles.find((x) => foldWord(c.phrase).startsWith(x) && c.phrase.length - x.length >= 3)?.length ?? 0);
    if (!n) return [];
    const [particle, rest] = [c.phrase.slice(0, n), c.phrase.slice(n)];
    return [
      { ...c, phrase: `${rest} ${particle}` },
      { ...c, phrase: `${rest} * ${particle}` },
    ];
  };
  // longest first; of equal length, those that open with an interrogative ("hvordan virker" before "virker det")
  const cues = profile.typeCues
    .flatMap((c) => [c, ...splitForms(c)])
    .map(cue)
    .sort(
      (a, b) =>
        b.length - a.length || Number(b.words[0] in profile.interrogatives) - Number(a.words[0] in profile.interrogatives) || b.words.length - a.words.length,
    );
  const cuesByKey = new Map<string, number[]>();
  cues.forEach((c, n) => {
    const list = cuesByKey.get(c.key);
    if (list) list.push(n);
    else cuesByKey.set(c.key, [n]);
  });
  const genericVerbForms = new Set<string>();
  for (const l of genericVerbs) {
    genericVerbForms.add(l);
    const base = l.length > 4 && l.endsWith('e') ? l.slice(0, -1) : l;
    for (const e of base.length <= 3 ? shortVerbEndings : endings) genericVerbForms.add(base + e);
  }
  lex = {
    profile,
    closed: set(Object.values(profile.closed).flat()),
    auxiliaries: set(profile.closed.auxiliaries),
    sentenceCues: compileCues(profile.sentenceCues),
    weakSentenceCues: compileCues(profile.weakSentenceCues),
    timeCues: { soFar: profile.timeCues.soFar.map(compileCue), expected: profile.timeCues.expected.map(compileCue), now: profile.timeCues.now.map(compileCue) },
    peopleNouns: profile.spans.peopleNouns.map(foldWord),
    anyPeople: profile.spans.anyPeople.map(foldWord),
    costCues: (profile.sentenceCues.money ?? []).filter((c) => !profile.payerCues.includes(c)).map(compileCue),
    anaphora: set(profile.anaphora),
    interrogatives,
    genericVerbs,
    genericNouns: profile.genericNouns.map(foldWord),
    fillers: set(profile.fillers),
    fixedExpressions: byFirstWord(profile.fixedExpressions.map(phraseWords)),
    cues,
    cuesByKey,
    headNouns: Object.entries(profile.headNouns).map(([t, ws]) => [t as AnswerType, ws.map(foldWord)]),
    personNouns: profile.personNouns.map(foldWord),
    professionKinds: profile.professionKinds.map(foldWord),
    resultVerbs: profile.resultVerbs.map(foldWord),
    genericSubjects: set(profile.genericSubjects),
    searchOpeners: profile.searchOpeners.map(phraseWords),
    whatKindOf: profile.whatKindOf.map(phraseWords).sort((a, b) => b.length - a.length),
    similar: profile.references.similar.map(phraseWords),
    contrastOpeners: profile.grammar.contrastOpeners.map(phraseWords),
    refinementOpeners: profile.references.refinementOpeners.map(phraseWords).sort((a, b) => b.length - a.length),
    switches: profile.references.switches.map(phraseWords).sort((a, b) => b.length - a.length),
    ordinals: Object.entries(profile.references.ordinals).map(([k, index]) => ({ words: phraseWords(k), index })),
    listNouns: profile.references.listNouns.map(foldWord),
    other: set(profile.references.other),
    same: set(profile.references.same),
    weakSimilar: set(profile.references.weakSimilar),
    additives: set(profile.references.additives),
    indefiniteSubjects: set(profile.references.indefiniteSubjects),
    elseWords: set(profile.references.elseWords),
    particles: set(profile.closed.particles),
    verbParticles: set(profile.grammar.verbParticles),
    infinitiveMarkers: set(profile.grammar.infinitiveMarkers),
    conjunctions: set(profile.closed.conjunctions),
    typoInterrogatives: [...interrogatives.keys()].filter((k) => k.length >= 6),
    genericVerbForms,
    coordinators: set(profile.grammar.coordinators),
    wordJoiners: set(profile.grammar.wordJoiners),
    relatives: set(profile.grammar.relatives),
    objectPronouns: set(profile.grammar.objectPronouns),
    expletives: set(profile.grammar.expletives),
    cleftPronouns: set(profile.grammar.cleft.pronouns),
    cleftVerbs: set(profile.grammar.cleft.verbs),
    perceptionVerbs: profile.grammar.perceptionVerbs.map(foldWord),
    perfectAuxiliaries: set(profile.grammar.perfectAuxiliaries),
    haveAuxiliaries: set(profile.grammar.haveAuxiliaries),
    continuers: set(profile.grammar.continuers),
    definiteEndings: profile.grammar.definiteEndings.map(foldWord),
    indefiniteArticles: set(profile.grammar.indefiniteArticles),
    kindPointers: set(profile.grammar.kindPointers),
    partitives: set(profile.references.partitives),
    ordinalArticles: set(profile.grammar.ordinalArticles),
    determiners: set(profile.grammar.determiners),
    articles: set(profile.closed.determiners),
    prepositions: set(profile.closed.prepositions),
    pronouns: set(profile.closed.pronouns),
    quantifiers: set(profile.closed.quantifiers),
    measureNouns: set(profile.grammar.measureNouns),
    contactHeads: profile.grammar.contactHeads.map(foldWord),
    shortVerbEndings,
    strongPast: set(profile.grammar.strongPast),
    verbPrefixes: [...new Set([...profile.grammar.verbParticles, ...profile.grammar.verbPrefixes].map(foldWord))].sort((a, b) => b.length - a.length),
    weakPastEndings: profile.grammar.weakPastEndings.map(foldWord),
    sourcePrepositions: set(profile.grammar.sourcePrepositions),
    sourceVerbs: set(profile.grammar.sourceVerbs),
    negations: set(profile.grammar.negations),
    smallTalk: set(profile.smallTalk),
    endings,
  };
  compiled.set(profile, lex);
  return lex;
}

/** Phrases grouped by their first word, longest first in each group. */
function byFirstWord(phrases: string[][]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const p of [...phrases].sort((a, b) => b.length - a.length)) {
    const group = out.get(p[0]);
    if (group) group.push(p);
    else out.set(p[0], [p]);
  }
  return out;
}

const SYNCOPES = new Map<string, string | null>();

/** The lemma without the unstressed -e- before its last l, n or r ("eksempel" → "eksempl"), or null; computed once per lemma. */
function syncopeOf(lemma: string): string | null {
  let short = SYNCOPES.get(lemma);
  if (short === undefined) {
    short = /[^aeiouyæøå]e[lnr]$/.test(lemma) ? lemma.slice(0, -2) + lemma.at(-1) : null;
    if (SYNCOPES.size < 10_000) SYNCOPES.set(lemma, short);
  }
  return short;
}

/** Cue phrases per answer type as folded words. */
function compileCues(cues: Partial<Record<AnswerType, string[]>>): Array<[AnswerType, string[][]]> {
  return (Object.entries(cues) as Array<[AnswerType, string[]]>).map(([type, phrases]) => [type, phrases.map(compileCue)]);
}

/** A sentence cue as folded words ("sammen med" → ["sammen", "med"]). */
function compileCue(phrase: string): string[] {
  return phrase.split(/\s+/).map(foldWord);
}

/**
 * Whether a folded word is a form of a folded lemma: the lemma (less a final -e) plus one of the
 * profile's inflection endings ("kost" ~ "kostede", "gøre" ~ "gør", "kontakte" ~ "kontakter").
 * With `compound`, the lemma may also end a compound ("projektleder" is a form of "leder").
 */
export function isForm(word: string, lemma: string, lex: Lexicon, compound = false): boolean {
  if (word === lemma) return true;
  // every form outside a compound begins with the lemma's first letter
  if (!compound && word.charCodeAt(0) !== lemma.charCodeAt(0)) return false;
  // a lemma of four letters keeps its -e: "måde" is no form of "mad"
  const base = lemma.length > 4 && lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const at = compound ? word.lastIndexOf(base) : word.startsWith(base) ? 0 : -1;
  // in a compound the lemma must be the tail, after a head of three letters or more
  if (at === 0 || at >= 3) {
    const rest = word.slice(at + base.length);
    // a doubled last consonant before the ending ("budget" → "budgettet")
    const doubled = rest.length > 1 && rest[0] === base.at(-1) && !/[aeiouyæøå]/.test(rest[0]) && lex.endings.includes(rest.slice(1));
    if (lex.endings.includes(rest) || doubled) return true;
  }
  // an unstressed -e- before a last l, n or r drops before an ending that opens with a vowel: "eksempel" → "eksempler", "regel" → "regler"
  if (lemma.charCodeAt(lemma.length - 2) !== 101) return false; // no "-el", "-en", "-er": no such form (cheap before the lookup)
  const short = syncopeOf(lemma);
  if (!short) return false;
  const at2 = compound ? word.lastIndexOf(short) : word.startsWith(short) ? 0 : -1;
  const rest2 = at2 < 0 ? '' : word.slice(at2 + short.length);
  return at2 >= 0 && (at2 === 0 || at2 >= 3) && /^[aeiouyæøå]/.test(rest2) && lex.endings.includes(rest2);
}

/**
 * Whether a folded word is a form of a folded lemma written with one slip of the keyboard
 * ("komuner" for "kommuner"): both six letters or more, the same first letter, and one edit from
 * the lemma plus one of its endings.
 */
export function isSlipOfForm(word: string, lemma: string, lex: Lexicon): boolean {
  if (word.length < 6 || lemma.length < 6 || word[0] !== lemma[0] || lex.closed.has(word)) return false;
  const base = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  return ['', ...lex.endings].some((e) => osaDistance(word, base + e) <= 1);
}

/** The profile's head nouns that make an answer type ("beløb", "pris" for money; "kommune", "forening" for organisations). */
export function headNounsOf(lex: Lexicon, type: AnswerType): string[] {
  return lex.headNouns.find(([t]) => t === type)?.[1] ?? NONE;
}

const NONE: string[] = [];

const CUES_OF = new WeakMap<Lexicon, Map<AnswerType, string[][]>>();

/** All of an answer type's sentence cues, weak or not, as phrases of folded words (worked out once per lexicon and type). */
export function cuesOf(lex: Lexicon, type: AnswerType): string[][] {
  let byType = CUES_OF.get(lex);
  if (!byType) CUES_OF.set(lex, (byType = new Map()));
  let cues = byType.get(type);
  if (!cues) byType.set(type, (cues = [...lex.sentenceCues, ...lex.weakSentenceCues].filter(([t]) => t === type).flatMap(([, ps]) => ps)));
  return cues;
}

/** Whether a folded word is a form of one of the lemmas. */
export function isFormOfAny(word: string, lemmas: string[], lex: Lexicon, compound = false): boolean {
  if (!compound) return formsOf(lemmas, lex).has(word);
  // a compound's tail can be any word, so no set of forms holds them: each word's answer is remembered per list
  return COMPOUND_FORMS(lemmas).get(word, () => lemmas.some((l) => isForm(word, l, lex, true)));
}

const COMPOUND_FORMS = memoPerOwner<string[], string, boolean>(MEMO_LIMITS.words);

const FORMS = new WeakMap<string[], Set<string>>();

/**
 * Every form `isForm` accepts of the lemmas (not in compounds), made once per list: the lemma, the
 * lemma (less a final -e when longer than four letters) plus an ending, with its last consonant
 * doubled before one, and the form without an unstressed -e- before a vowel ending.
 */
function formsOf(lemmas: string[], lex: Lexicon): Set<string> {
  let forms = FORMS.get(lemmas);
  if (forms) return forms;
  forms = new Set<string>();
  for (const lemma of lemmas) {
    forms.add(lemma);
    const base = lemma.length > 4 && lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
    const last = base.at(-1) ?? '';
    const short = syncopeOf(lemma);
    for (const e of lex.endings) {
      forms.add(base + e);
      if (e && last && !/[aeiouyæøå]/.test(last)) forms.add(base + last + e);
      if (short && /^[aeiouyæøå]/.test(e)) forms.add(short + e);
    }
  }
  FORMS.set(lemmas, forms);
  return forms;
}

/** Rows reused by `osaDistance`, grown to the longest word compared. */
let OSA_ROWS = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal-string-alignment distance (an adjacent swap counts once), stopping early past `max`. */
export function osaDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  if (OSA_ROWS[0].length <= m) OSA_ROWS = OSA_ROWS.map(() => new Int32Array(2 * (m + 1)));
  // three rows of the distance table: two back (for a transposition), the last, and this one
  let [back, last, row] = OSA_ROWS;
  for (let j = 0; j <= m; j++) last[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = Infinity;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, back[j - 2] + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    const free = back;
    back = last;
    last = row;
    row = free;
  }
  return last[m];
}
