import { foldWord } from '../language/lexicon.js';
import type { AnswerType } from '../language/profile.js';
import type { WordCredit } from '../search/coverage.js';
import { type Analysis, FACT_TYPES } from './analyse.js';
import type { DialogueState } from './state.js';

/** What the planner may ask of the collection: names, organisations and which case holds which word. */
export interface CorpusView {
  /** Cases whose title the text names. */
  namedCases(text: string): string[];
  /** Organisations the text names, as the corpus writes them. */
  namedOrganisations(text: string): string[];
  /** Cases of an organisation. */
  casesOf(organisation: string): string[];
  /** Organisations of a case. */
  organisationsOf(caseId: string): string[];
  /** Title of a case ('' for an unknown id). */
  titleOf(caseId: string): string;
  /** How a case covers each word of a text: the word's rarity (IDF) and its credit 0..1. */
  credits(text: string, caseId: string): WordCredit[];
  /** The cases that hold a word (credit ≥ 0.5, which its compound's parts may give); none for a word no case knows. */
  holders(word: string): string[];
  /** The cases that hold the word itself, in some form: not only its compound's parts ("procesmodellen" is no word of every case that speaks of a process and a model). */
  owners(word: string): string[];
  /** Whether a case names people to contact. */
  hasContacts(caseId: string): boolean;
  /** What a case is about, in the words it uses most weighted by their rarity (its title left out): the text of a search for cases like it. */
  topicOf(caseId: string): string;
  /** Whether a word is one of what a case is about: a word of its title or of its topic (`topicOf`), in some form or by a synonym. */
  topical(word: string, caseId: string): boolean;
}

/** Tuning of the planner. */
export interface PlanOptions {
  /** A word counts as distinctive from this rarity (IDF over cases) on: about 15 of 70 cases or fewer. Default 1.5. */
  distinctIdf: number;
  /** The case discussed holds a word from this credit on. Default 0.5. */
  holdCredit: number;
  /** Share of the question's distinctive weight that must be new (not in the case discussed, in another case) to switch topic. Default 0.5. */
  switchShare: number;
  /** The same share when the question's subject is a pronoun pointing back ("har de …", "bliver det …") or it opens with "og"/"men"; it also takes two new words. Default 0.8. */
  switchShareAnaphoric: number;
  /** A word of a case's title names it when at most this many cases hold the word itself ("mikrolån", not "ledige" nor "velfærdsteknologi"). Default 2. */
  namingOwners: number;
  /**
   * Share of the distinctive weight of a phrase restricting a named case ("… for borgere med KOL") that the case
   * must lack for the answer to say it does not hold it. Default 0.8. (A question naming a case phrased as a
   * search among cases, "findes der …", is weighed with `switchShare`.)
   */
  lackShare: number;
  /**
   * Most of the cases being discussed that a question picking none of them is answered about: after a list, "Hvem er
   * kontaktperson for det?" gets the contacts of each listed case, not those of the first as a guess. Default 3.
   */
  severalCases: number;
}

export const defaultPlanOptions: PlanOptions = {
  distinctIdf: 1.5,
  holdCredit: 0.5,
  switchShare: 0.5,
  switchShareAnaphoric: 0.8,
  namingOwners: 2,
  lackShare: 0.8,
  severalCases: 3,
};

/** What to do with a question. */
export type Action =
  /** a greeting or thanks */
  | { kind: 'smalltalk' }
  /** a follow-up with nothing to lean on: ask which case is meant (candidates from a search of its words, if any) */
  | { kind: 'clarify'; text: string }
  /** answer about these cases, best first; `each`: several cases discussed, the question picking none, each answers for itself */
  | { kind: 'cases'; cases: string[]; each?: boolean }
  /** search, then answer from what is found: as a list of cases, or about the best */
  | {
      kind: 'search';
      text: string;
      within: string[] | null;
      exclude: string[];
      list: boolean;
      organisation: string | null;
      /** A search for cases like the one discussed, made of its own words: its best matches are shown unless they hardly touch them. */
      likeCase?: boolean;
      /**
       * A follow-up on a question nothing answered ("Hvor tit mødes de?" after a declined question about meetings): the
       * earlier question's words with the follow-up's, among the cases holding the follow-up's own words; its best case is
       * answered as the nearest one, and said to be so.
       */
      nearest?: boolean;
    }
  /** the cases of an organisation */
  | { kind: 'organisation'; organisation: string; exclude: string[] }
  /** the case discussed does not hold what is asked, and no other case does */
  | {
      kind: 'not-in-case';
      caseId: string;
      missing: string[];
      /** The question named the case ("… for borgere med KOL"): no other case was looked for. */
      named?: boolean;
    }
  /** an ordinal past the end of the list shown */
  | { kind: 'no-such-item'; length: number };

export interface Plan {
  action: Action;
  answerType: AnswerType;
  /** The question leans on the conversation (answered about the case discussed or the list shown). */
  followUp: boolean;
  /** The topic to remember for refinements (null: keep the earlier one). */
  topic: string | null;
  /** Words borrowed from the question before, for a question with none of its own ("hvor mange er der tale om?"). */
  carry: string[];
  /** Why, in a few words: for logs and tests. */
  why: string;
}

/** Answer types asked of several cases discussed that go on with the first: more of it, its partners. */
const FIRST_ONLY: ReadonlySet<AnswerType> = new Set(['topic', 'detail', 'organisations']);

/**
 * Plans a turn: which cases the question is about, with which answer type, or what to search.
 * Staying on the case discussed or switching topic is decided by evidence, not by the presence of
 * "det": a new topic needs distinctive words that the case discussed does not hold and another case
 * does, or a named case or organisation. Generic verbs and answer-type words never switch topic,
 * and a question with no focus words left is a follow-up. Pure.
 */
export function plan(a: Analysis, state: DialogueState | null, corpus: CorpusView, o: PlanOptions = defaultPlanOptions): Plan {
  const p = decidePlan(a, state, corpus, o);
  // a question about the case discussed with no words of its own borrows the last question's words
  const borrows = p.action.kind === 'cases' && p.followUp && !a.focus.length && state !== null;
  return { ...p, carry: borrows ? state.words : [] };
}

function decidePlan(a: Analysis, state: DialogueState | null, corpus: CorpusView, o: PlanOptions): Omit<Plan, 'carry'> {
  const type = a.answerType;
  if (a.smallTalk) return { action: { kind: 'smalltalk' }, answerType: type, followUp: false, topic: null, why: 'small talk' };
  const named = corpus.namedCases(a.question);
  const orgs = corpus.namedOrganisations(a.question);
  // words that only name an organisation say which cases, not what about
  const orgWords0 = new Set(orgs.flatMap((x) => x.toLowerCase().split(/[^\p{L}\p{N}]+/u)));
  const words0 = a.focus
    .filter((f) => !orgWords0.has(f.word))
    .map((f) => f.word)
    .join(' ');
  // of the cases just discussed (or listed), the one that holds the question's words best; else the first
  const candidates = state ? [...new Set([...state.focus, ...(state.lastType === 'topic' ? state.shown : [])])].slice(0, 5) : [];
  // a person asked of a list ("Hvem er kontaktperson på alliancen?"): of the listed cases that hold its words, one that names people
  const able = type === 'person' ? (id: string) => corpus.hasContacts(id) : null;
  const focus = candidates.length && words0 ? bestHolder(corpus, words0, candidates, o, able) : (state?.focus[0] ?? null);
  const onCase = (cases: string[], why: string, followUp = true): Omit<Plan, 'carry'> => ({
    action: { kind: 'cases', cases },
    answerType: type === 'topic' ? (followUp ? 'detail' : 'overview') : type,
    followUp,
    topic: null,
    why,
  });
  const search = (text: string, why: string, extra: Partial<Extract<Action, { kind: 'search' }>> = {}, list = type === 'topic'): Omit<Plan, 'carry'> => ({
    action: { kind: 'search', text, within: null, exclude: [], list, organisation: orgs[0] ?? null, ...extra },
    answerType: list ? 'topic' : type,
    followUp: false,
    topic: text,
    why,
  });
  const topicWords = words0 ? words0.split(' ') : [];
  /**
   * A question naming an organisation and nothing else to search: its cases listed, or, when it
   * asks something of them (who, what it cost) and there are one or two, answered about them.
   */
  const ofOrganisation = (org: string, exclude: string[], why: string, followUp: boolean): Omit<Plan, 'carry'> => {
    const cases = corpus.casesOf(org).filter((id) => !exclude.includes(id));
    if (type !== 'topic' && cases.length > 0 && cases.length <= 2) return onCase(cases, `${why}: asks about its case`, followUp);
    return { action: { kind: 'organisation', organisation: org, exclude }, answerType: 'topic', followUp, topic: null, why };
  };

  if (state && focus && !a.refs.switch) {
    // "er der andre, der bruger virtual reality?" names the case discussed by its words, but asks for others
    const similarToFocus = a.refs.similar && named.every((id) => id === focus || state.seen.includes(id));
    if (named.length && !similarToFocus) {
      const lacking = lackedByNamed(a, corpus, named, titleWords(corpus, named), orgWords0, topicWords, o);
      if (lacking) return { ...lacking, followUp: named.includes(focus) };
      return named.includes(focus) ? onCase([focus], 'names the case discussed') : onCase(named, 'names another case', false);
    }
    if (a.refs.ordinal !== null && state.shown.length) {
      // "the other one": of the cases shown but not discussed now, the one that holds the question's words best
      const others = state.shown.filter((id) => id !== state.focus[0]);
      const other = others.length ? (words0 ? bestHolder(corpus, words0, others, o) : others[0]) : null;
      const i = a.refs.ordinal === 'other' ? (other ? state.shown.indexOf(other) : -1) : a.refs.ordinal === -1 ? state.shown.length - 1 : a.refs.ordinal - 1;
      if (i < 0 || i >= state.shown.length)
        return { action: { kind: 'no-such-item', length: state.shown.length }, answerType: type, followUp: true, topic: null, why: 'ordinal past the list' };
      return onCase([state.shown[i]], `item ${i + 1} of the list shown`);
    }
    // "og hvad tilbyder samme kommune de pårørende?": among the other cases of the organisation behind the case discussed
    const behind = a.refs.sameOrganisation && (topicWords.length || a.refs.similar || type !== 'person') ? corpus.organisationsOf(focus)[0] : undefined;
    const ofSame = behind ? corpus.casesOf(behind).filter((id) => id !== focus) : [];
    if (behind && ofSame.length) {
      if (!topicWords.length) return ofOrganisation(behind, [focus], 'other cases of the organisation behind the case discussed', true);
      return {
        ...search(words0, 'the organisation behind the case discussed', { within: ofSame, organisation: behind }),
        followUp: true,
      };
    }
    if (a.refs.similar) {
      // "har Aarhus noget lignende?": the earlier topic among the organisation's cases, not all of them
      // ("hvad har Odense ellers gjort for at arbejde med innovation?": what else, in the question's own words)
      const own = a.refs.else && topicWords.length > 0;
      // ("Absalon er med dér – har de været med i andre samarbejder?": all else it has done)
      if (orgs.length && a.refs.else && !own) return ofOrganisation(orgs[0], state.focus, 'what else a named organisation has done', true);
      if (orgs.length && (state.topic || own)) {
        const within = [...new Set(orgs.flatMap((x) => corpus.casesOf(x)))];
        const text = own ? words0 : [state.topic, ...topicWords.filter((w) => !state.topic?.split(' ').includes(w))].join(' ');
        const why = own ? 'what else a named organisation has done' : 'similar cases of a named organisation';
        return { ...search(text, why, { within, exclude: state.seen }, true), followUp: true, topic: own ? words0 : state.topic };
      }
      if (orgs.length) return ofOrganisation(orgs[0], state.focus, 'other cases of a named organisation', true);
      // with no words of its own and no topic searched ("Hvem står bag Læsehestene?" → "Er der andre, der har gjort noget lignende?"): like the case discussed
      // (a topic that only named the case, "Læsehestene", finds nothing like it)
      const earlier = state.topic && !corpus.namedCases(state.topic).includes(focus) ? state.topic : '';
      // "har andre biblioteker lavet noget?": others of a kind of body or place, when the corpus finds the kind distinctive
      // (not "andre kommuner", which nearly every case is)
      const kind = a.refs.similarKind && (corpus.credits(a.refs.similarKind, focus)[0]?.idf ?? 0) >= o.distinctIdf ? a.refs.similarKind : null;
      if (kind) {
        const text = `${kind} ${a.searchText || earlier || corpus.topicOf(focus)}`;
        return {
          ...search(text, 'similar cases of a kind of body, leaving out those shown', { exclude: state.seen }, true),
          followUp: true,
          topic: state.topic,
        };
      }
      const text = a.searchText || earlier;
      if (!text)
        return {
          ...search(corpus.topicOf(focus), 'cases like the one discussed', { exclude: state.seen, likeCase: true }, true),
          followUp: true,
          topic: state.topic,
        };
      return { ...search(text, 'similar cases, leaving out those shown', { exclude: state.seen }, true), followUp: true, topic: state.topic };
    }
    if (a.refs.refinement) {
      const words = a.refs.refinement.join(' ');
      if (orgs.length && state.topic) {
        const within = orgs.flatMap((x) => corpus.casesOf(x));
        return { ...search(state.topic, 'the earlier topic, narrowed to a named organisation', { within }, true), followUp: true, topic: state.topic };
      }
      if (state.lastType !== 'topic' && holds(corpus, words, focus, o))
        return { ...onCase([focus], 'a refinement the case discussed covers'), answerType: type === 'topic' ? 'detail' : type };
      // "og hvad med de ældre – kan de finde ud af det digitale?": a question of its own about the refinement, in words the
      // case discussed holds, asks how that case serves them, not for other cases
      const refined = new Set(a.refs.refinement.map((w) => w.toLowerCase()));
      const rest = topicWords.filter((w) => !refined.has(w));
      // "og hvad med madservice – er der nogen, hvor de ældre selv kan bestille det?": phrased as a search among cases, with
      // words besides the refinement, it asks for the cases that do that, wherever they are
      if (a.search && type === 'topic' && rest.length) return search(a.searchText, 'a refinement phrased as a search among cases');
      if (rest.length && holds(corpus, rest.join(' '), focus, o))
        return { ...onCase([focus], 'asks of the case discussed for the refinement'), answerType: type === 'topic' ? 'detail' : type };
      if (state.topic) {
        // narrowed to the cases that hold what it adds ("og hvad med dem på botilbud?": those that speak of botilbud)
        const within = narrowedTo(corpus, a.refs.refinement);
        const why = within ? 'the earlier topic, among the cases holding the refinement' : 'the earlier topic, narrowed';
        // a refinement that asks for a fact of its own ("og robotten – hvad koster sådan en?") gets that fact of the best case
        return { ...search(`${state.topic} ${words}`, why, within ? { within } : {}, !FACT_TYPES.has(type)), followUp: true, topic: state.topic };
      }
    }
    // "findes der også noget, hvor det er frivillige, der læser for børnene?": phrased as a search among cases, with words of
    // its own, none pointing back ("er der nogen, der har gjort det for ældre?", "findes der en rapport om projektet?"), it
    // asks the whole collection, though the case discussed holds its words: the case that does what it asks may be another
    if (a.search && type === 'topic' && !a.followUp && topicWords.length && !a.refs.pronoun && !a.refs.partOf && !a.focus.every((f) => f.definite))
      return search(a.searchText, 'a search among cases');
    if (!topicWords.length && !orgs.length) {
      // several cases discussed (a list just shown): a question that asks something of "it" ("Hvem er kontaktperson for
      // det?", "Hvad kostede det?") is answered about each of them; "fortæl mere" goes on with the first
      // (who took part is the first case's: the organisations named in each case's label have been shown with the list)
      if (state.focus.length > 1 && !FIRST_ONLY.has(type)) {
        const cases = state.focus.slice(0, o.severalCases);
        return { ...onCase(cases, 'no words of its own, after several cases: about each'), action: { kind: 'cases', cases, each: true } };
      }
      return onCase([focus], 'no words of its own: a follow-up');
    }
    // organisations named that the case discussed does not belong to: a new topic
    // ("Aarhus" names both "Aarhus Kommune" and "Aarhus Kommunes Biblioteker": one of them the case's own is enough)
    const own = new Set(corpus.organisationsOf(focus).map((x) => x.toLowerCase()));
    if (orgs.length && !orgs.some((x) => own.has(x.toLowerCase()))) {
      // pointing back, or with nothing else to say, it names which of the cases shown before is meant ("Er der en fra
      // Aarhus, jeg kan snakke med om det?" after a list with one Aarhus case, and a follow-up on another of the list)
      const named = new Set(orgs.map((x) => x.toLowerCase()));
      const shownOf = [...new Set([...state.shown, ...state.seen])].filter(
        (id) => id !== focus && corpus.organisationsOf(id).some((x) => named.has(x.toLowerCase())),
      );
      if (shownOf.length && (a.refs.pronoun || !topicWords.length)) return onCase(shownOf.slice(0, 1), 'a case shown before, of the organisation named');
      return topicWords.length ? search(a.searchText, 'names another organisation') : ofOrganisation(orgs[0], [], 'names another organisation', false);
    }
    // the head noun of "hvilket bibliotek …" says what kind of answer, not which case; so does a generic unit counted ("hvor mange timer/ansatte …")
    const evidenceWords = topicWords.filter((w) => w !== a.head && !(a.genericUnit && w === a.unit));
    if (!evidenceWords.length) return onCase([focus], 'asks what kind of thing, about the case discussed');
    const credits = corpus.credits(evidenceWords.join(' '), focus);
    const distinct = credits.filter((c) => c.idf >= o.distinctIdf);
    const total = distinct.reduce((s, c) => s + c.idf, 0);
    const missing = distinct.filter((c) => c.credit < o.holdCredit);
    // (whether another case holds a word is asked once per word: it reads every case)
    const heldElsewhere = new Set(missing.filter((c) => corpus.holders(c.word).some((id) => id !== focus)));
    const elsewhere = missing.filter((c) => heldElsewhere.has(c));
    const nowhere = missing.filter((c) => !heldElsewhere.has(c));
    const weight = (xs: WordCredit[]) => xs.reduce((s, c) => s + c.idf, 0);
    const share = (xs: WordCredit[]) => (total ? weight(xs) / total : 0);
    // whether to leave the case is weighed among the words some case holds: a word no case holds ("uromagere") says nothing of where to go
    const heldTotal = total - weight(nowhere);
    const heldShare = (xs: WordCredit[]) => (heldTotal ? weight(xs) / heldTotal : 0);
    // with a pronoun for subject, one new word (often a verb: "hvordan spreder de …") is not enough to leave the case,
    // nor with one for the thing talked about ("hvem fra kommunen udtaler sig om det?");
    // nor when the question goes on with "og"/"men" ("Og hvor meget gav fonden?")
    // and when its only new words are definite nouns, things taken as known ("Er idéen brugt i udlandet?", "Hvor meget af programmet …"),
    // unless one case alone has such a noun, as a word of its own: then it is that case's thing ("hvor mange kom til
    // fyraftensmøderne?", "hvornår skulle procesmodellen være klar?")
    const definite = new Set(a.focus.filter((f) => f.definite).map((f) => f.word));
    // going on with "og" to a thing taken as known that one other case alone has ("og fyraftensmøderne, hvor mange kom
    // der?"): that case's thing, asked about anew
    const ownedElsewhere = elsewhere.some((c) => definite.has(c.word) && corpus.owners(c.word).length === 1);
    const leansOn =
      a.refs.subjectPronoun ||
      a.refs.objectPronoun ||
      a.refs.partOf ||
      (a.refs.continues && !ownedElsewhere) ||
      (elsewhere.length > 0 && elsewhere.every((c) => definite.has(c.word) && corpus.owners(c.word).length !== 1));
    const enough = leansOn ? heldShare(elsewhere) >= o.switchShareAnaphoric && elsewhere.length >= 2 : heldShare(elsewhere) >= o.switchShare;
    if (enough) return search(a.searchText, `new distinctive words: ${elsewhere.map((c) => c.word).join(', ')}`);
    // what no case holds: said plainly, unless the case discussed holds the rest of the question or contact details are asked;
    // a word of what the case is about is given, not more of the question ("Får brandfolkene krisepsykologisk hjælp?" of a
    // case about firemen, "Hvad får en byvicevært i løn?" of the town caretakers)
    const holdsRest = distinct.some((c) => c.credit >= o.holdCredit && !corpus.topical(c.word, focus));
    // (a thing named anew but as known, "sådan en dims", "apparatet", is the case's own thing by another name)
    const given = nowhere.length > 0 && nowhere.every((c) => definite.has(c.word));
    if (share(nowhere) >= o.switchShare && !holdsRest && !a.contact && !given)
      return {
        action: { kind: 'not-in-case', caseId: focus, missing: nowhere.map((c) => c.word) },
        answerType: type,
        followUp: true,
        topic: null,
        why: 'asks what no case holds',
      };
    return onCase([focus], missing.length ? 'mostly the case discussed' : 'the case discussed holds its words');
  }

  // a new conversation, or a switch
  if (named.length) {
    // "hvad gjorde de med de unge på Nordens Plads?": words besides the name ask for something in the case, not for all of it
    const nameWords = titleWords(corpus, named);
    const asksWithin = type === 'topic' && topicWords.some((w) => !nameWords.has(w));
    const lacking = lackedByNamed(a, corpus, named, nameWords, orgWords0, topicWords, o);
    if (lacking) return lacking;
    return { ...onCase(named, 'names the case', false), ...(asksWithin ? { answerType: 'detail' as const } : {}) };
  }
  // "og i Odense?" after a question nothing answered: that question, among the organisation's cases
  if (!topicWords.length && orgs.length && state && !state.focus.length && state.words.length && (a.refs.refinement || a.refs.continues)) {
    const within = [...new Set(orgs.flatMap((x) => corpus.casesOf(x)))];
    return { ...search(state.words.join(' '), 'the question nothing answered, narrowed to a named organisation', { within }, true), followUp: true };
  }
  if (!topicWords.length && orgs.length) return ofOrganisation(orgs[0], [], 'names an organisation', false);
  const leans = !a.searchText || (a.followUp && !a.refs.switch && a.focus.length <= (a.refs.pronoun ? 1 : 0));
  // a follow-up on a question nothing answered leans on that question. When its own words say which case ("Hvor tit mødes
  // de?" after a question about meetings): the case nearest that question among those holding them, said to be the nearest.
  // Without words of its own ("Hvem står bag det?"), which case is meant is asked, with those nearest the question as examples.
  if (leans && state && !state.focus.length && state.words.length) {
    const text = [...state.words, ...topicWords.filter((w) => !state.words.includes(w))].join(' ');
    const within = topicWords.length ? narrowedTo(corpus, topicWords) : null;
    if (within)
      return {
        ...search(text, 'a follow-up on a question nothing answered, its words held', { within, nearest: true }, false),
        answerType: type,
        followUp: true,
        topic: null,
      };
    return {
      action: { kind: 'clarify', text: state.words.join(' ') },
      answerType: type,
      followUp: true,
      topic: null,
      why: 'a follow-up on a question nothing answered',
    };
  }
  if (leans) return { action: { kind: 'clarify', text: a.searchText }, answerType: type, followUp: true, topic: null, why: 'a follow-up with no conversation' };
  // with nothing discussed before, a definite generic noun points at nothing: it names what is asked about
  return search(state?.focus.length ? a.searchText : a.openingText, a.refs.switch ? 'switches topic' : 'a new topic');
}

/**
 * The cases that hold every word of a refinement that some case holds, or null when no word is held
 * anywhere or no case holds them all (the narrowed search then weighs them like the topic's words).
 */
function narrowedTo(corpus: CorpusView, words: string[]): string[] | null {
  const held = words.map((w) => corpus.holders(w)).filter((ids) => ids.length > 0);
  if (!held.length) return null;
  const all = held.reduce((a, b) => a.filter((id) => b.includes(id)));
  return all.length ? all : null;
}

/**
 * The case that covers a text best (IDF-weighted credit), the first on ties. Another case is taken
 * over the first only for a word that tells them apart: a distinctive word or a word of its title
 * that it holds and the first does not ("frafaldet" of the two cases listed picks the one about
 * dropping out; "økonomisk", a word both hold in some form, does not).
 */
function bestHolder(corpus: CorpusView, text: string, cases: string[], o: PlanOptions, able: ((caseId: string) => boolean) | null = null): string {
  const scored = cases.map((id) => {
    // a word of the title counts twice: the asker saw the titles, and names a case by its words ("sådan en gruppe" → "Spisegrupper")
    const title = foldWord(corpus.titleOf(id)).split(/[^\p{L}\p{N}]+/u);
    const inTitle = (w: string) => {
      const root = foldWord(w).slice(0, Math.max(4, w.length - 2));
      return root.length >= 4 && title.some((t) => t.includes(root));
    };
    const credits = corpus.credits(text, id).map((c) => ({ ...c, title: inTitle(c.word) }));
    return { id, credits, covered: credits.reduce((s, c) => s + c.idf * c.credit * (c.title ? 2 : 1), 0) };
  });
  const first = scored[0];
  // a word that tells a case from the first: it holds it (or has it in its title) and the first does not
  const tells = (x: (typeof scored)[number]) =>
    x.credits.some((c) => {
      const f = first.credits.find((y) => y.word === c.word) ?? { credit: 0, title: false };
      const holdsIt = c.credit >= o.holdCredit && (c.idf >= o.distinctIdf || c.title);
      return holdsIt && (f.credit < o.holdCredit || (c.title && !f.title));
    });
  let best = first;
  let bestAble: (typeof scored)[number] | null = null;
  for (const x of scored) {
    if (x.covered > best.covered + 1e-9 && tells(x)) best = x;
    if (able?.(x.id) && x.covered > (bestAble?.covered ?? 0) + 1e-9) bestAble = x;
  }
  // a case that can answer what is asked, among those holding the words, before one that cannot
  return able && !able(best.id) && bestAble ? bestAble.id : best.id;
}

/** The words of the titles of cases, lower case. */
function titleWords(corpus: CorpusView, ids: string[]): Set<string> {
  return new Set(
    ids.flatMap((id) =>
      corpus
        .titleOf(id)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u),
    ),
  );
}

/**
 * What a question naming cases asks of them that they do not hold, as a plan that says so; null when
 * they hold it. "Findes der en digital patientuddannelse for borgere med KOL?": a phrase restricting
 * the name asks for the case's thing for someone or somewhere else; phrased as a search among cases
 * ("findes der …", "har nogen …"), every word of the question says what is looked for. The case must be
 * named by a word few cases hold ("mikrolån", not "ledige" of "Mikrolån realiserer ledige borgeres drøm
 * …"): a name of common words ("Velfærdsteknologi") may name a topic rather than the case.
 */
function lackedByNamed(
  a: Analysis,
  corpus: CorpusView,
  named: string[],
  nameWords: ReadonlySet<string>,
  orgWords: ReadonlySet<string>,
  topicWords: string[],
  o: PlanOptions,
): Omit<Plan, 'carry'> | null {
  const naming = (w: string) => nameWords.has(w) && corpus.owners(w).length <= o.namingOwners;
  // (an English question is weighed in the Danish words its search is made of: the corpus knows no English words)
  const own = a.english ? a.searchText.toLowerCase().split(/\s+/).filter(Boolean) : topicWords;
  if (!own.some(naming)) return null;
  const rest = (ws: string[]) => ws.filter((w) => !nameWords.has(w) && !orgWords.has(w) && w !== a.head);
  const asSearch = a.search && a.answerType === 'topic';
  const words = asSearch ? rest(own) : rest(a.modifiers.filter((m) => naming(m.head)).flatMap((m) => m.words));
  // (a search's words are weighed as for a switch of topic; a phrase restricting the name is a few words, most of which must be lacking)
  const missing = askedBeyond(corpus, named, words, o, asSearch ? o.switchShare : o.lackShare);
  if (!missing) return null;
  return {
    action: { kind: 'not-in-case', caseId: named[0], missing, named: true },
    answerType: a.answerType,
    followUp: false,
    topic: null,
    why: 'names a case, asks what it does not hold',
  };
}

/**
 * The distinctive words that none of the named cases holds, when they are at least `share` of the
 * words' distinctive weight for each of them; null when a named case holds enough.
 */
function askedBeyond(corpus: CorpusView, named: string[], words: string[], o: PlanOptions, share: number): string[] | null {
  if (!words.length) return null;
  let out: string[] | null = null;
  for (const id of named) {
    const credits = corpus.credits(words.join(' '), id);
    const distinct = credits.filter((c) => c.idf >= o.distinctIdf);
    const total = distinct.reduce((s, c) => s + c.idf, 0);
    const missing = distinct.filter((c) => c.credit < o.holdCredit);
    if (!total || missing.reduce((s, c) => s + c.idf, 0) / total < share) return null;
    out ??= missing.map((c) => c.word);
  }
  return out;
}

/** Whether a case holds the distinctive words of a text (all but the common ones). */
function holds(corpus: CorpusView, text: string, caseId: string, o: PlanOptions): boolean {
  const credits = corpus.credits(text, caseId);
  const distinct = credits.filter((c) => c.idf >= o.distinctIdf);
  return (distinct.length ? distinct : credits).every((c) => c.credit >= o.holdCredit) && credits.length > 0;
}
