import { randomUUID } from 'node:crypto';
import { danish } from '../language/da.js';
import type { AnswerType, LanguageProfile, Phrases } from '../language/profile.js';
import { search, type CaseHit, type SearchEngine, type SearchOptions, type SearchResult } from '../search/hybrid.js';
import { STOP_WORDS } from '../text/analyse.js';
import type { Case } from '../types.js';
import { analyse, type Analysis } from './analyse.js';
import { mentions, WRITERS, writeList, type WriteContext } from './answers.js';
import { Citations, type Citation } from './compose.js';
import { memoryConversations } from '../store/memory.js';
import type { ConversationStore } from '../store/types.js';
import { corpusView } from './corpus.js';
import { defaultPlanOptions, plan, type PlanOptions } from './plan.js';
import { defaultSelectOptions, TYPED, type SelectOptions } from './select.js';
import { emptyState, nextState, readState, saidToAvoid } from './state.js';
import { personJudge, type PersonJudge } from './spans.js';

/** A contact as the API returns it: the person, without the source lines. */
export type ContactOut = Pick<Case['contacts'][number], 'name' | 'role' | 'org' | 'email' | 'phone' | 'emailRepaired'>;

/** The answer to one question. */
export interface AskResult {
  conversationId: string;
  /** A new id per answer (feedback refers to it). */
  answerId: string;
  /** Markdown: `**bold**`, `- ` list items and `[n]` citation markers. */
  answer: string;
  citations: Array<Omit<Citation, 'chunkId'>>;
  cases: Array<{ id: string; title: string; organisations: string[]; contacts: ContactOut[] }>;
  notice: string | null;
  /** What the question was taken to ask, and whether it leaned on the conversation. */
  plan: { answerType: AnswerType; followUp: boolean; why: string };
  /** No case answered the question. */
  declined: boolean;
  language: 'da' | 'en';
}

/** What the stream of an answer carries, in order: meta, deltas of the answer text, then the whole result. */
export type AskEvent =
  | { type: 'meta'; conversationId: string; newConversation: boolean; notice: string | null }
  | { type: 'delta'; text: string }
  | { type: 'done'; result: AskResult };

export interface Answerer {
  ask(question: string, conversationId?: string): Promise<AskResult>;
  /** The same answer as events, each part of the text sent as soon as it is composed. */
  askStream(question: string, conversationId?: string): AsyncGenerator<AskEvent, void, void>;
  readonly conversations: ConversationStore;
}

/** Tuning of the answer layer, one object with its defaults. */
export interface AnswerOptions {
  plan: PlanOptions;
  select: SelectOptions;
  /** A case joins a list of cases when it covers at least this share of what the best covers… Default 0.75. */
  listShare: number;
  /** …and at least this share of the question… Default 0.4. */
  listCoverage: number;
  /** …and its best passage scores at least this share of the best case's: the question's words meet in one place, not scattered through the case. Default 0.5. */
  listPassageShare: number;
  /**
   * A case joins a list, though it covers less of the question than the best, and leads it, when its best passage
   * scores this many times the best case's (and it covers `listCoverage` and the head words as well): the question's
   * words meet in one place of it, where the best has them scattered. Default 1.25.
   */
  listCloserShare: number;
  /** Most cases in a list answer. Default 3. */
  maxListed: number;
  /** Most cases listed for an organisation. Default 8. */
  maxOrganisationCases: number;
  /** A second case joins an answer about one case when its search score is this close to the best. Default 0.95. */
  secondCaseShare: number;
  /**
   * A question for a figure (money, a share, a number, a date) that the best case found does not
   * state is answered about the next case that does, among the `typedCandidates` best whose search
   * score is at least `typedShare` of the best. Defaults 3 and 0.85.
   */
  typedCandidates: number;
  typedShare: number;
  /** The decision's thresholds for a topic narrowed to an organisation's cases ("og i Roskilde?"). Defaults: coverage 0.2, no head-word or dense condition. */
  narrowed: Pick<SearchOptions, 'minCoverage' | 'anchoredCoverage' | 'minHead' | 'denseWeak'>;
}

export const defaultAnswerOptions: AnswerOptions = {
  plan: defaultPlanOptions,
  select: defaultSelectOptions,
  listShare: 0.75,
  listCoverage: 0.4,
  listPassageShare: 0.5,
  listCloserShare: 1.25,
  maxListed: 3,
  maxOrganisationCases: 8,
  secondCaseShare: 0.95,
  typedCandidates: 3,
  typedShare: 0.85,
  narrowed: { minCoverage: 0.2, anchoredCoverage: 0.2, minHead: 0, denseWeak: 0 },
};

function toContact(c: Case['contacts'][number]): ContactOut {
  return { name: c.name, role: c.role, org: c.org, email: c.email, phone: c.phone, emailRepaired: c.emailRepaired };
}

/**
 * Answers questions in conversations: analyse → plan → retrieve → select → compose, each a step of
 * its own. The state of the conversation (the cases discussed, the list shown, the topic) is kept
 * in the conversation store between turns.
 */
export function createAnswerer(
  engine: SearchEngine,
  conversations: ConversationStore = memoryConversations(),
  options: Partial<AnswerOptions> = {},
  profile: LanguageProfile = danish,
): Answerer {
  const o: AnswerOptions = { ...defaultAnswerOptions, ...options };
  const corpus = corpusView(engine, o.plan.holdCredit);
  // learned from the corpus on the first question that needs it, not at start-up
  let judge: PersonJudge | undefined;
  const isPerson: PersonJudge = (span) =>
    (judge ??= personJudge(
      engine.index.chunks.map((c) => c.text),
      engine.index.cases.flatMap((c) => c.contacts.map((p) => p.name)),
    ))(span);
  /** The cases of these ids that the index holds (a plan only names cases it knows; this keeps it so). */
  const casesOf = (ids: readonly string[]) => ids.flatMap((id) => engine.caseById.get(id) ?? []);

  async function* askStream(question: string, conversationId?: string): AsyncGenerator<AskEvent, void, void> {
    const resolved = await conversations.resolve(conversationId);
    const state = readState(resolved.state, (id) => engine.caseById.has(id));
    const analysis = analyse(question, profile);
    const language = analysis.english ? 'en' : 'da';
    const phrases = profile.phrases[language];
    const notice = resolved.replaced ? phrases.newConversation : null;
    yield { type: 'meta', conversationId: resolved.id, newConversation: !state?.turns, notice };

    const p = plan(analysis, state?.turns ? state : null, corpus, o.plan);
    const citations = new Citations();
    const ctx: WriteContext = {
      engine,
      analysis,
      phrases,
      profile,
      citations,
      select: o.select,
      followUp: p.followUp && p.action.kind === 'cases',
      each: p.action.kind === 'cases' && p.action.each === true,
      wanted: {
        type: p.answerType,
        unit: analysis.unit,
        people: analysis.countsPeople,
        when: analysis.when,
        amount: analysis.amount,
        terms: selectTerms(engine, analysis, p.carry),
        said: new Set(saidToAvoid(state, p.answerType)),
        isPerson,
        head: analysis.head,
      },
    };
    let answer = '';
    let caseIds: string[] = [];
    let list = false;
    let declined = false;
    const emit = function* (parts: Generator<string, string[], void>): Generator<AskEvent, string[], void> {
      for (let step = parts.next(); ; step = parts.next()) {
        if (step.done) return step.value;
        const text = answer ? step.value : step.value.replace(/^\s+/, '');
        if (!text) continue;
        answer += text;
        yield { type: 'delta', text };
      }
    };
    const say = function* (text: string): Generator<AskEvent, string[], void> {
      answer += text;
      yield { type: 'delta', text };
      return [];
    };

    const a = p.action;
    if (a.kind === 'smalltalk') yield* say(phrases.help);
    else if (a.kind === 'no-such-item') yield* say(phrases.noSuchItem(a.length));
    else if (a.kind === 'clarify') {
      // examples: the cases found for the question's words, or those nearest them when none answers
      const found = a.text ? await search(engine, a.text, { k: 3 }) : null;
      const examples = found?.hits.length ? found.hits.map((h) => h.case) : (found?.nearest ?? []).slice(0, 3);
      yield* say(phrases.clarify(examples.map((c) => c.title)));
    } else if (a.kind === 'not-in-case') {
      declined = true;
      // the words missed as the asker wrote them ("KOL", not "kol")
      const written = a.missing.map((w) => analysis.tokens.find((t) => t.text.toLowerCase() === w)?.text ?? w);
      for (const c of casesOf([a.caseId])) yield* say((a.named ? phrases.declineNamed : phrases.declineInCase)(`**${c.title}**`, written));
    } else if (a.kind === 'cases') {
      caseIds = yield* emit(WRITERS[p.answerType](ctx, casesOf(a.cases)));
    } else if (a.kind === 'organisation') {
      const cases = corpus
        .casesOf(a.organisation)
        .filter((id) => !a.exclude.includes(id))
        .slice(0, o.maxOrganisationCases)
        .flatMap((id) => casesOf([id]).map((c) => ({ case: c })));
      list = true;
      caseIds = yield* emit(writeList(ctx, cases, (n) => phrases.organisationCases(a.organisation, n)));
    } else {
      // narrowed to an organisation's cases, the user has said where: its cases nearest the topic are shown unless they hardly touch it;
      // so are the cases like one discussed, searched with its words or the question's own ("andre eksempler på at bekæmpe ensomhed?"):
      // asked for more of the kind shown, the nearest others answer, where a new question with those words might be declined
      const narrowed = a.within ? { ...o.narrowed, within: new Set(a.within) } : a.likeCase || a.nearest || a.exclude.length ? o.narrowed : {};
      // a search with the question's own words embeds the whole question for the dense half
      const asked = (a.text === analysis.searchText || a.text === analysis.openingText) && !analysis.english ? analysis.question : null;
      // what follows a contrast ("mere end bare kaffe og kage") is searched, but is no head word of the decision
      const aside = analysis.contrast.length ? new Set(analysis.contrast) : null;
      let result = await search(engine, a.text, { ...narrowed, exclude: a.exclude.length ? new Set(a.exclude) : null, asked, aside });
      // a question asking something of a named organisation's work ("telefonnummer til bibliotekslederen i Stevns") that the
      // collection as a whole does not answer: among the organisation's own cases, the organisation's name taken out
      if (!result.hits.length && a.organisation && !a.within && p.answerType !== 'topic') {
        const own = new Set(a.organisation.toLowerCase().split(/[^\p{L}\p{N}]+/u));
        const rest = a.text
          .split(' ')
          .filter((w) => !own.has(w.toLowerCase()))
          .join(' ');
        const within = new Set(corpus.casesOf(a.organisation));
        const inOwn = rest && within.size ? await search(engine, rest, { ...o.narrowed, within }) : null;
        if (inOwn?.hits.length) result = inOwn;
      }
      if (result.hits.length) {
        if (a.list) {
          list = true;
          const focus = state?.focus[0] ? engine.caseById.get(state.focus[0]) : undefined;
          const lead = a.exclude.length && focus ? (n: number) => phrases.similarCases(`**${focus.title}**`, n) : phrases.foundCases;
          // "hvad gør Odense for hjemløse unge?": the cases the named organisation leads first, then those it takes part in
          const org = a.organisation?.toLowerCase();
          const own = (h: CaseHit) => {
            const at = org ? h.case.organisations.findIndex((x) => x.toLowerCase() === org) : -1;
            return at < 0 ? 0 : at === 0 ? 2 : 1;
          };
          caseIds = yield* emit(
            writeList(
              ctx,
              [...listed(result.hits, o)].sort((x, y) => own(y) - own(x)),
              lead,
            ),
          );
        } else {
          const top = result.hits[0];
          // "hvor stor en andel …": when the best case found states no such figure, the next that does, answered about alone
          const stating =
            TYPED.has(p.answerType) && !mentions(ctx, top.case)
              ? result.hits.slice(1, o.typedCandidates).find((h) => h.score >= top.score * o.typedShare && mentions(ctx, h.case))
              : undefined;
          const targets = stating
            ? [stating.case]
            : result.hits
                .filter((h, i) => i === 0 || h.score >= top.score * o.secondCaseShare)
                .slice(0, 2)
                .map((h) => h.case);
          if (a.nearest) yield* say(phrases.nearestCase(`**${targets[0].title}**`));
          caseIds = yield* emit(WRITERS[p.answerType](ctx, targets));
        }
      }
      // nothing near the question nothing answered either: which case is meant is asked, as with no conversation
      if (!caseIds.length && a.nearest) yield* say(phrases.clarify([]));
      else if (!caseIds.length) {
        declined = true;
        citations.list.length = 0;
        answer = '';
        yield* say(await declineText(engine, analysis, result, a.organisation, phrases));
      }
    }

    const next = nextState(state ?? emptyState(), {
      cases: caseIds,
      list,
      each: ctx.each,
      answerType: p.answerType,
      topic: p.topic,
      words: analysis.focus.map((f) => f.word),
      said: citations.said,
      // "noget helt andet: …" leaves the earlier topic, also when nothing answers the new one
      leaves: analysis.refs.switch,
    });
    await conversations.save(resolved.id, next);
    yield {
      type: 'done',
      result: {
        conversationId: resolved.id,
        answerId: randomUUID(),
        answer,
        citations: citations.list.map(({ chunkId: _chunkId, ...c }) => c),
        cases: caseIds
          .map((id) => engine.caseById.get(id)!)
          .map((c) => ({ id: c.id, title: c.title, organisations: c.organisations, contacts: c.contacts.map(toContact) })),
        notice,
        plan: { answerType: p.answerType, followUp: p.followUp, why: p.why },
        declined,
        language,
      },
    };
  }

  async function ask(question: string, conversationId?: string): Promise<AskResult> {
    for await (const e of askStream(question, conversationId)) if (e.type === 'done') return e.result;
    throw new Error('the answer stream ended without a result');
  }
  return { ask, askStream, conversations };
}

/**
 * The words a sentence that answers the question may hold: its focus words, and for a question
 * about one case also its cue words and generic verbs ("betaler", "hjælper"), which say what is
 * asked about the case though they say nothing about which case.
 */
export function selectTerms(engine: SearchEngine, a: Analysis, carry: string[]) {
  const words = [a.searchText, ...a.tokens.filter((t) => t.role === 'cue' || t.role === 'generic').map((t) => t.text)];
  const own = engine.index.lexical.queryTerms(words.join(' '), STOP_WORDS);
  // words borrowed from the question before count half: they say what the conversation is about, not what is asked
  const borrowed = engine.index.lexical.queryTerms(carry.join(' '), STOP_WORDS).filter((t) => !own.some((x) => x.term === t.term));
  // …and together never more than the question's own words ("hvad har de konkret ændret?" asks for the change, whatever
  // the earlier question's many words of the topic meet)
  const [ownMass, borrowedMass] = [engine.index.lexical.mass(own), engine.index.lexical.mass(borrowed)];
  const share = ownMass > 0 && borrowedMass > 0 ? Math.min(0.5, ownMass / borrowedMass) : 0.5;
  return [...own, ...borrowed.map((t) => ({ ...t, weight: t.weight * share }))];
}

/**
 * The cases of a list answer: the best, and the next ones only when they cover the question nearly
 * as well, with its words together in one passage — never as filler that names the topic in passing.
 */
export function listed(
  hits: CaseHit[],
  o: Pick<AnswerOptions, 'listCoverage' | 'listShare' | 'listPassageShare' | 'listCloserShare' | 'maxListed'>,
): CaseHit[] {
  const top = hits[0];
  const passage = (h: CaseHit) => h.passages[0]?.score ?? 0;
  const covers = (h: CaseHit) => h.coverage >= o.listCoverage && h.coverage >= top.coverage * o.listShare && passage(h) >= passage(top) * o.listPassageShare;
  // a case that holds the question's most distinctive words, which the best lacks ("robot til syge skolebørn": the robot
  // case, after one about sick children without a robot), covers what matters most: it joins however little else it holds
  const holdsHead = (h: CaseHit) => top.head < 1 && h.head >= 1 && passage(h) >= passage(top) * o.listPassageShare;
  // a case with a passage far closer to the question than the best's answers it in one place ("et slags spil, som
  // projektlederne kan bruge til at få bæredygtighed med": the sustainability puzzle, whose words the asker's "klimafolk" lacks)
  const closer = (h: CaseHit) => h.coverage >= o.listCoverage && h.head >= top.head && passage(h) >= passage(top) * o.listCloserShare;
  const out = hits.filter((h, i) => i === 0 || covers(h) || holdsHead(h) || closer(h)).slice(0, o.maxListed);
  // …and comes first: it answers the question where the best only meets its words, and a follow-up goes to the first listed
  const first = out.find((h, i) => i > 0 && closer(h));
  return first ? [first, ...out.filter((h) => h !== first)] : out;
}

/** The honest no-answer: no case covers the question; nearby topics that do exist are suggested, or a named organisation's cases. */
async function declineText(engine: SearchEngine, analysis: Analysis, result: SearchResult, organisation: string | null, phrases: Phrases): Promise<string> {
  const missing = result.decision?.missing ?? [];
  if (organisation && missing.length) {
    const own = engine.index.cases.filter((c) => c.organisations.some((x) => x.toLowerCase() === organisation.toLowerCase())).map((c) => c.title);
    if (own.length) return phrases.declineOrganisation(organisation, missing, own.slice(0, 5));
  }
  // the cases nearest the question all the same, as the search that declined it ranked them; searched anew when it searched other words
  const text = analysis.searchText || analysis.fallbackText || analysis.question;
  const near =
    result.query === text && result.nearest
      ? result.nearest
      : (await search(engine, text, { minCoverage: 0, anchoredCoverage: 0, minHead: 0, k: 3, mode: 'lexical' })).hits.map((h) => h.case);
  return phrases.decline(near.slice(0, 3).map((c) => c.title));
}
