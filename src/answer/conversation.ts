import { z } from 'zod';
import type { IntentKind } from './intents.js';

/** One question and what it was answered with. */
export interface Turn {
  question: string;
  /** The question as searched (resolved against earlier turns). */
  searched: string;
  intent: IntentKind;
  /** Cases the answer was about, most relevant first. */
  caseIds: string[];
}

/** What the answerer keeps of a conversation between turns: plain JSON, opaque to the store. */
export interface ConversationState {
  turns: Turn[];
}

/** Turns kept per conversation, so the state stays small. */
export const MAX_TURNS = 20;

const StateSchema = z.object({
  turns: z.array(
    z.object({
      question: z.string(),
      searched: z.string(),
      intent: z.enum(['contact', 'organisation', 'detail', 'fact', 'topic'] satisfies IntentKind[]),
      caseIds: z.array(z.string()),
    }),
  ),
});

/** The turns of a state read from the store; none for a new conversation or a state of another shape. */
export function turnsOf(state: unknown): Turn[] {
  const parsed = StateSchema.safeParse(state);
  return parsed.success ? parsed.data.turns : [];
}

/** The state after one more turn: the last `MAX_TURNS` turns. */
export function withTurn(turns: Turn[], turn: Turn): ConversationState {
  return { turns: [...turns, turn].slice(-MAX_TURNS) };
}
