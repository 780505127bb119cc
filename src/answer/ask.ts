import { randomUUID } from 'node:crypto';
import type { QueryTerm } from '../index/bm25.js';
import { ure } from '../text/normalize.js';
import { caseDf, search, type CaseHit, type SearchEngine } from '../search/hybrid.js';
import { namedCases, namedOrganisations } from '../search/names.js';
import { coverage } from '../search/coverage.js';
import { memoryConversations } from '../store/memory.js';
import type { ConversationStore } from '../store/types.js';
import { englishToDanish, isEnglish } from '../text/english.js';
import type { Case } from '../types.js';
import { Citations, type Citation } from './compose.js';
import { turnsOf, withTurn, type Turn } from './conversation.js';
import { HANDLERS, declineText } from './handlers.js';
import { recognise, refersBack, type Intent } from './intents.js';

/** A contact as the API returns it: the person, without the source lines. */
export type ContactOut = Pick<Case['contacts'][number], 'name' | 'role' | 'org' | 'email' | 'phone' | 'emailRepaired'>;

/** The answer to one question. */
export interface AskResult {
  conversationId: string;
  answer: string;
  citations: Array<Omit<Citation, 'chunkId'>>;
  cases: Array<{ id: string; title: string; organisations: string[]; contacts: ContactOut[] }>;
  notice: string | null;
  /** This answer's id, which feedback refers to (a new UUID per answer). */
  answerId: string;
  /** How the question was answered: the kind of answer, and whether as a follow-up of the earlier turn. */
  plan: { answerType: string; followUp: boolean };
  /** True when nothing in the collection answered the question. */
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

/** Everything a handler needs to write an answer. */
export interface AnswerContext {
  engine: SearchEngine;
  question: string;
  intent: Intent;
  terms: QueryTerm[];
  /** Cases the question is about (named, carried over from earlier turns, or found), best first. */
  targets: Case[];
  /** Search hits for topic questions. */
  hits: CaseHit[];
  citations: Citations;
}

// Words that only say what kind of answer is wanted; a follow-up may hold nothing else.
const ANSWER_WORDS = ure(String.raw`\b(kontakt\w*|hvem|blev|været|nu|dag|fortælle|give|oplysninger|yderligere|ofte|tit|meget|mail\w*|telefon\w*|kost\w*|pris\w*|finansier\w*|betal\w*|mange|antal|hvornår|hvor|længe|resultat\w*|effekt\w*|evaluer\w*|konkret|ændret|lavet|gjort|står|bag|med|samarbejde\w*|partnere|deltagere|kommuner|projektet|løsningen|indsatsen|det|den|dem|de|deres|høre|mere|skal|jeg|kan|hvad|hvilke|hvordan|blevet|var|er|har|om|og|i|til|for)\b`, 'gi');

// "og i Aarhus?", "hvad med …": the earlier question, narrowed
const REFINEMENT = ure(String.raw`^\s*(og|men|hvad med|and|what about)\b`, 'i');

// A greeting or thanks is no question about the cases.
const SMALL_TALK = ure(String.raw`^\s*(hej(sa)?|hallo|goddag|godmorgen|god eftermiddag|hello|hi|hey|tak|mange tak|tusind tak|thanks|thank you)\b[\s!.,:)]*$`, 'i');

const HELP_DA =
  'Hej! Jeg finder innovationscases fra den offentlige sektor og fortæller, hvem du kan kontakte for at genbruge en løsning. Spørg fx: «Hvordan hjælper man hjemløse unge?», «Hvem kan jeg kontakte om Læsehestene?» eller «Hvilke projekter har Herning Kommune?».';

function contentLeft(question: string): string {
  return question.replace(ANSWER_WORDS, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function toContact(c: Case['contacts'][number]): ContactOut {
  return { name: c.name, role: c.role, org: c.org, email: c.email, phone: c.phone, emailRepaired: c.emailRepaired };
}

/**
 * Answers questions in conversations: recognises the intent, resolves follow-ups against the
 * cases just discussed, searches, and lets the intent's handler compose a cited answer.
 */
export function createAnswerer(engine: SearchEngine, conversations: ConversationStore = memoryConversations()): Answerer {
  async function* askStream(question: string, conversationId?: string): AsyncGenerator<AskEvent, void, void> {
    const conversation = await conversations.resolve(conversationId);
    const turns = turnsOf(conversation.state);
    const notice = conversation.replaced ? 'Samtalen fandtes ikke længere (ukendt eller udløbet), så der er startet en ny.' : null;
    const answerId = randomUUID();
    yield { type: 'meta', conversationId: conversation.id, newConversation: turns.length === 0, notice };
    if (SMALL_TALK.test(question)) {
      await conversations.save(conversation.id, { turns });
      yield { type: 'delta', text: HELP_DA };
      const plan = { answerType: 'help', followUp: false };
      const language = isEnglish(question) ? 'en' : 'da';
      yield { type: 'done', result: { conversationId: conversation.id, answer: HELP_DA, citations: [], cases: [], notice, answerId, plan, declined: false, language } };
      return;
    }
    const named = [...namedCases(question, engine.index.cases, caseDf(engine))].map((id) => engine.caseById.get(id)!);
    const intent = recognise(question, engine.index.cases, named.length > 0);
    const searchText = intent.english ? englishToDanish(question) : question;
    const prev: Turn | undefined = turns.at(-1);
    const prevCases = (prev?.caseIds ?? []).map((id) => engine.caseById.get(id)!).filter(Boolean);

    let targets: Case[] = named;
    let hits: CaseHit[] = [];
    let searched = searchText;
    let followUp = false;
    const result = await search(engine, searchText);
    const terms = result.terms;
    if (!named.length && prevCases.length && intent.kind !== 'organisation') {
      const leftTerms = engine.index.lexical.queryTerms(contentLeft(searchText)).filter((t) => t.known !== false);
      const left = leftTerms.length > 0;
      const focus = prevCases[0];
      const focusCoverage = coverage(leftTerms, engine, focus.id);
      const refinement = REFINEMENT.test(question);
      const asksAbout = intent.kind === 'contact' || intent.kind === 'fact' || intent.kind === 'detail';
      const weakNewTopic = result.declined !== null || (result.hits[0]?.coverage ?? 0) < 0.75;
      if (refinement) {
        // "og i Aarhus?": the earlier question with the new words
        searched = `${prev!.searched} ${searchText}`;
        const again = await search(engine, searched);
        // the cases on the earlier topic that also cover the new words; else the earlier topic's cases
        const added = engine.index.lexical.queryTerms(searchText);
        const before = engine.index.lexical.queryTerms(prev!.searched);
        const onTopic = again.hits.filter((h) => coverage(before, engine, h.case.id) >= 0.5);
        // a named place or organisation narrows to its own cases; other words to the cases that hold them
        const orgs = new Set(namedOrganisations(searchText, engine.index.cases).map((o) => o.toLowerCase()));
        const narrowed = orgs.size
          ? onTopic.filter((h) => h.case.organisations.some((o) => orgs.has(o.toLowerCase())))
          : onTopic.filter((h) => coverage(added, engine, h.case.id) >= 0.5);
        hits = narrowed.length ? narrowed : onTopic.length ? onTopic : again.hits;
        targets = hits.map((h) => h.case);
        followUp = true;
      } else if (!left || (asksAbout && focusCoverage >= 0.5) || (refersBack(question) && (weakNewTopic || focusCoverage >= 0.5))) {
        targets = [focus];
        searched = prev!.searched;
        followUp = true;
      }
    }
    if (!targets.length && !hits.length) {
      hits = result.hits;
      const top = hits[0];
      // a contact or fact question is about one case: the best, and the next only when it is as good
      targets = intent.kind === 'topic' ? hits.map((h) => h.case) : hits.filter((h, i) => i === 0 || (top && h.score >= top.score * 0.95)).slice(0, 2).map((h) => h.case);
    }

    const citations = new Citations();
    const ctx: AnswerContext = { engine, question, intent, terms: terms.length ? terms : engine.index.lexical.queryTerms(searched), targets, hits, citations };
    let answer = '';
    let caseIds: string[] = [];
    if (targets.length || intent.kind === 'organisation') {
      const parts = HANDLERS[intent.kind](ctx);
      for (let step = parts.next(); ; step = parts.next()) {
        if (step.done) {
          caseIds = step.value;
          break;
        }
        const text = answer ? step.value : step.value.replace(/^\s+/, '');
        if (!text) continue;
        answer += text;
        yield { type: 'delta', text };
      }
    }
    if (!caseIds.length) {
      // nothing relevant: an honest answer without citations
      citations.list.length = 0;
      answer = await declineText(engine, searchText, intent.english);
      yield { type: 'delta', text: answer };
    }
    await conversations.save(conversation.id, withTurn(turns, { question, searched, intent: intent.kind, caseIds }));
    const cases = caseIds.map((id) => engine.caseById.get(id)!);
    yield {
      type: 'done',
      result: {
        conversationId: conversation.id,
        answer,
        citations: citations.list.map(({ chunkId: _chunkId, ...c }) => c),
        cases: cases.map((c) => ({ id: c.id, title: c.title, organisations: c.organisations, contacts: c.contacts.map(toContact) })),
        notice,
        answerId,
        plan: { answerType: intent.kind, followUp },
        declined: caseIds.length === 0,
        language: intent.english ? 'en' : 'da',
      },
    };
  }

  async function ask(question: string, conversationId?: string): Promise<AskResult> {
    for await (const e of askStream(question, conversationId)) if (e.type === 'done') return e.result;
    throw new Error('the answer stream ended without a result');
  }
  return { ask, askStream, conversations };
}
