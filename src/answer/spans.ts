import { escapeRegExp } from '../text/normalize.js';
import { Memo, memoPerOwner } from '../cache.js';
import { MEMO_LIMITS } from '../config.js';
import { danish } from '../language/da.js';
import { foldWord, lexiconOf } from '../language/lexicon.js';
import type { LanguageProfile, SpanKind } from '../language/profile.js';

/** A typed span found in a sentence: an amount of money, a number with what follows it, a date, a name… */
export interface Span {
  kind: SpanKind;
  text: string;
  start: number;
  /** For numbers: the folded word that follows ("60 elever" → "elever"), what is counted. */
  unit: string | null;
  /** For numbers: the word after that, the counted noun after an adjective ("12 private virksomheder"). */
  unitAfter?: string | null;
}

interface Patterns {
  money: RegExp;
  moneyAfter: RegExp;
  percentage: RegExp;
  duration: RegExp;
  frequency: RegExp;
  date: RegExp;
  number: RegExp;
  name: RegExp;
  person: RegExp;
  place: RegExp;
}

const alt = (xs: string[]) =>
  xs
    .map(escapeRegExp)
    .sort((a, b) => b.length - a.length)
    .join('|');
const compiled = new WeakMap<LanguageProfile, Patterns>();

/** The span patterns of a profile, built once. */
function patternsOf(profile: LanguageProfile): Patterns {
  let p = compiled.get(profile);
  if (p) return p;
  const s = profile.spans;
  // the articles "en" and "et" are no numbers; "én" and "ét" are
  const words = alt(Object.keys(s.numberWords).filter((w) => !s.articles.includes(w)));
  const num = String.raw`(?:\d+(?:[.,]\d+)*(?:\s?[-–]\s?\d+(?:[.,]\d+)*)?|(?<![\p{L}])(?:${words})(?![\p{L}]))`;
  const unit = alt(s.timeUnits);
  const W = String.raw`(?![\p{L}])`;
  p = {
    money: new RegExp(String.raw`${num}\s*(?:(?:${alt(s.scales)})\s*)?(?:${alt(s.currency)})${W}`, 'giu'),
    moneyAfter: new RegExp(String.raw`(?:${alt(s.currency)})\s*${num}`, 'giu'),
    // a share: a percentage, one number out of another ("ni ud af ti", "10 ud af de 20"), or a word for one ("halvdelen"; "hver anden måned" is how often)
    percentage: new RegExp(
      String.raw`${num}\s*(?:${alt(s.percent)})(?![\p{L}])|${num}\s+(?:${alt(s.outOf)})\s+(?:\p{L}{1,3}\s+)?${num}|(?<![\p{L}])(?:${alt(s.shareWords)})(?![\p{L}])(?!\s+(?:${unit})[\p{L}]{0,4}${W})`,
      'giu',
    ),
    // a number and its unit of time, apart or joined as an adjective ("fire-dages ophold", "et 10-ugers forløb", "et
    // tre-årigt projekt"); not an age ("3-6-årige børn", "en 15-årig")
    duration: new RegExp(String.raw`(?:${num}|${alt(s.vagueAmounts)})(?:\s*|-(?!(?:${alt(s.ageForms)})${W}))(?:(?:${unit})[\p{L}]{0,4})${W}`, 'giu'),
    frequency: new RegExp(String.raw`(?:${alt(s.frequencyWords)})${W}(?:\s+\p{L}+)?|${num}\s+(?:${alt(s.times)})\s+(?:${alt(s.perWords)})\s+\p{L}+`, 'giu'),
    // a date, a year, a time relative to now ("sidste år") or a time ago ("for tre år siden")
    date: new RegExp(
      String.raw`(?:\d{1,2}\.\s*)?(?:${alt(s.months)})(?:\s+\d{4})?|(?<!\d)(?:19|20)\d{2}(?!\d)|(?<![\p{L}])(?:${alt(s.relativeDates)})${W}|(?<![\p{L}])${escapeRegExp(s.ago[0])}\s+${num}\s+(?:${unit})[\p{L}]{0,4}\s+${escapeRegExp(s.ago[1])}${W}`,
      'giu',
    ),
    number: new RegExp(String.raw`${num}(?:\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?)?`, 'giu'),
    name: new RegExp(
      // inside a sentence, a capitalised run; at its start, a run of two or more ("Designskolen Kolding har …")
      String.raw`(?<=[\p{Ll}\d,;:)]\s+|[«"“„])(?:\p{Lu}[\p{L}\d&.-]*)(?:\s+(?:(?:${alt(s.nameJoiners)})\s+)?\p{Lu}[\p{L}\d&.-]*)*|^\p{Lu}[\p{L}\d&.-]*(?:\s+(?:(?:${alt(s.nameJoiners)})\s+)?\p{Lu}[\p{L}\d&.-]*)+|«[^»]{2,60}»|“[^”]{2,60}”`,
      'gu',
    ),
    person: /\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)+/gu,
    place: new RegExp(
      String.raw`(?:(?<![\p{L}])(?:${alt(s.placePrepositions)})\s+)(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)*)|\p{L}*(?:${alt(s.placeWords)})${W}`,
      'gu',
    ),
  };
  compiled.set(profile, p);
  return p;
}

/** The word a number counts, folded: of a compound written with a hyphen, its last part ("16 IGU-elever" counts pupils). */
function unitWord(word: string): string {
  return foldWord(word.slice(word.lastIndexOf('-') + 1) || word);
}

/** Digits, a full stop and a word in lower case: an ordinal ("14. dag"), not a count; a count ending a sentence is followed by a capital. */
const ORDINAL = /^\d+\.\s+\p{Ll}/u;

const SPANS = memoPerOwner<LanguageProfile, string, Span[]>(MEMO_LIMITS.spans);

/** The typed spans of a text (computed once per text). */
export function spansOf(text: string, profile: LanguageProfile = danish): Span[] {
  return SPANS(profile).get(text, () => findSpans(text, profile));
}

function findSpans(text: string, profile: LanguageProfile): Span[] {
  const p = patternsOf(profile);
  const out: Span[] = [];
  const add = (kind: SpanKind, re: RegExp, unitGroup = false) => {
    for (const m of text.matchAll(re)) {
      const after = unitGroup && m[1] ? unitWord(m[1]) : null;
      const afterThat = unitGroup && m[2] ? unitWord(m[2]) : null;
      // a full stop after a name ends the sentence, not the name
      const text = unitGroup && m[1] ? m[0].slice(0, m[0].indexOf(m[1]) + m[1].length) : m[0];
      out.push({
        kind,
        text: kind === 'name' ? text.replace(/\.$/, '') : text,
        start: m.index ?? 0,
        unit: after,
        ...(unitGroup ? { unitAfter: afterThat } : {}),
      });
    }
  };
  add('money', p.money);
  add('money', p.moneyAfter);
  add('percentage', p.percentage);
  add('duration', p.duration);
  add('frequency', p.frequency);
  add('date', p.date);
  add('number', p.number, true);
  add('name', p.name);
  add('person', p.person);
  add('place', p.place);
  // the day of a date is no count ("pr. 1. oktober 2013"), nor is an ordinal ("hver 14. dag", "2. klasses elever");
  // an interrogative capitalised after a colon opens a question, it names nothing ("… sammen med borgeren: Hvem skal
  // inviteres"); other function words may open an item's name ("fire forløb: Affald …; Mit hjem som arbejdsplads")
  const dates = out.filter((s) => s.kind === 'date');
  const lex = lexiconOf(profile);
  const interrogative = (s: Span) => !/\s/.test(s.text) && lex.interrogatives.has(foldWord(s.text));
  // digits written together with the letters before them are part of a name ("OS2autoprocess", "CO2-udledningen"): no count
  const inName = (s: Span) => s.start > 0 && /\p{L}/u.test(text[s.start - 1]);
  return out.filter(
    (s) =>
      (s.kind !== 'number' ||
        (!dates.some((d) => s.start >= d.start && s.start < d.start + d.text.length) && !ORDINAL.test(text.slice(s.start)) && !inName(s))) &&
      (s.kind !== 'name' || !interrogative(s)),
  );
}

/**
 * Whether a run of capitalised words names a person, judged by how the corpus writes its words:
 * an organisation or a place is made of words the corpus also writes in lower case ("Business
 * Region Aarhus", "Danske Regioner", "Nordens Plads"), a person's name is not ("Morten
 * Østergaard"). A given name that is also a word ("Bo", "Per") counts when a contact has it, and
 * then the surname may be a word too ("Lone Skov").
 */
export type PersonJudge = (span: string) => boolean;

/** Learns a `PersonJudge` from the corpus's texts and its contacts' names. */
export function personJudge(texts: Iterable<string>, contactNames: Iterable<string>): PersonJudge {
  const lower = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/(?<![\p{L}])\p{Ll}[\p{L}]*/gu)) lower.add(foldWord(m[0]));
  const given = new Set<string>();
  for (const name of contactNames) {
    const first = name.trim().split(/\s+/)[0];
    if (first) given.add(foldWord(first));
  }
  const judged = new Memo<string, boolean>(MEMO_LIMITS.spans);
  return (span) => judged.get(span, judge);
  function judge(span: string): boolean {
    const words = span
      .split(/[-\s]+/)
      .filter(Boolean)
      .map(foldWord);
    if (words.length < 2) return false;
    const known = given.has(words[0]);
    if (!known && lower.has(words[0])) return false;
    if (words.slice(1, -1).some((w) => lower.has(w))) return false;
    return known || !lower.has(words[words.length - 1]);
  }
}
