import { z } from 'zod';
import type { AnswerType } from '../language/profile.js';

/**
 * What a conversation remembers between turns: plain JSON, so any store can keep it. Case ids
 * only — a case that a re-index removed is simply dropped when the state is read.
 */
export interface DialogueState {
  v: 1;
  /** The cases being discussed, most relevant first. */
  focus: string[];
  /** The last list of two or more cases shown (ordinals pick from it); empty once a list of one case followed it. */
  shown: string[];
  /**
   * Every case shown in the conversation (a request for similar cases leaves them out), but the others of a list the
   * asker left for one of its cases: those were only glanced at.
   */
  seen: string[];
  /** The answer type of the last answered question. */
  lastType: AnswerType | null;
  /** The words of the last topic searched, without refinements (a refinement narrows it; the next replaces the first). */
  topic: string | null;
  /** The focus words of the last question that had any: a question with none of its own borrows them ("hvor mange er der tale om?"). */
  words: string[];
  /** The sentences quoted in the last answer ("chunk id:offset"): the next answer says something new. */
  said: string[];
  /** Turns answered so far. */
  turns: number;
}

const StateSchema = z.object({
  v: z.literal(1),
  focus: z.array(z.string()).max(50),
  shown: z.array(z.string()).max(50),
  seen: z.array(z.string()).max(200),
  lastType: z.string().nullable(),
  topic: z.string().max(2000).nullable(),
  words: z.array(z.string().max(100)).max(50),
  said: z.array(z.string().max(200)).max(50),
  turns: z.number().int().nonnegative(),
});

/** A state read back from a store: validated, and without the cases the index no longer has. Null when it is not a state. */
export function readState(raw: unknown, known: (caseId: string) => boolean): DialogueState | null {
  const parsed = StateSchema.safeParse(raw);
  if (!parsed.success) return null;
  const s = parsed.data;
  return { ...s, lastType: s.lastType as AnswerType | null, focus: s.focus.filter(known), shown: s.shown.filter(known), seen: s.seen.filter(known) };
}

/**
 * The answer types that ask for more of the case in general ("hvad gjorde de konkret?", "fortæl mere"): asked
 * after any answer, they are answered with something not quoted yet.
 */
const OPEN_TYPES: ReadonlySet<AnswerType> = new Set(['detail', 'overview', 'topic', 'method']);

/**
 * The sentences the next answer should not quote again: those of the last answer when the same kind of
 * question is asked again, or an open one. A question of another kind ("… hvorfor ikke?" after a list of
 * cases) is answered by the sentence that answers it, even when the last answer quoted it.
 */
export function saidToAvoid(state: DialogueState | null, type: AnswerType): string[] {
  return state && (state.lastType === type || OPEN_TYPES.has(type)) ? state.said : [];
}

/** The state of a conversation that has just started. */
export const emptyState = (): DialogueState => ({ v: 1, focus: [], shown: [], seen: [], lastType: null, topic: null, words: [], said: [], turns: 0 });

/** Most cases remembered as seen: the state stays small whatever the length of the conversation. */
const MAX_SEEN = 100;

/**
 * The state after a turn answered about `cases` (best first); `list` says they were shown as a list,
 * `words` are the question's focus words. A turn that `leaves` the earlier topic (an explicit
 * switch) and found no case leaves nothing to discuss: a pronoun follow-up then has nothing to lean on.
 */
export function nextState(
  state: DialogueState,
  turn: {
    cases: string[];
    list: boolean;
    /** The answer was about each of several cases discussed, the question picking none of them. */
    each?: boolean;
    answerType: AnswerType;
    topic: string | null;
    words: string[];
    said: string[];
    leaves?: boolean;
  },
): DialogueState {
  const words = turn.words.length ? turn.words.slice(0, 50) : state.words;
  const said = turn.said.slice(0, 50);
  if (!turn.cases.length && turn.leaves) return { ...state, focus: [], shown: [], lastType: null, topic: null, words, said, turns: state.turns + 1 };
  if (!turn.cases.length) return { ...state, words, said, turns: state.turns + 1 };
  // the others of a list the asker left for one of its cases were only glanced at: a request for similar cases may bring
  // them again ("Kender du andre projekter …?", asked of that one case)
  // (an answer about each case of the list goes on with the first: the others were glanced at again, not taken up)
  const followed = !turn.list && state.shown.length > 0 && turn.cases.every((id) => state.shown.includes(id));
  const taken = turn.each ? turn.cases.slice(0, 1) : turn.cases;
  const left = followed ? state.shown.filter((id) => !taken.includes(id)) : [];
  const seen = [...new Set([...taken, ...state.seen.filter((id) => !left.includes(id))])].slice(0, MAX_SEEN);
  return {
    v: 1,
    focus: turn.cases,
    // a new list replaces the last, also when it holds one case: the list before it belongs to an earlier topic
    shown: turn.list ? (turn.cases.length > 1 ? turn.cases : []) : state.shown,
    seen,
    lastType: turn.answerType,
    topic: turn.topic ?? state.topic,
    words,
    said,
    turns: state.turns + 1,
  };
}
