/**
 * The store: conversations, the question log and feedback. Two databases implement it (SQLite,
 * the default, and PostgreSQL); conversations may also live in memory (`CONVERSATIONS=memory`).
 */

/** Conversations as the answerer sees them: an opaque JSON state per id, with expiry. */
export interface ConversationStore {
  /**
   * The state saved for `id`, or a fresh id with `state: null` when no id is given or it is unknown or expired
   * (`replaced` is true when an id was given but not found, so the answer can say a new conversation started).
   * When the store fails, it resolves to a fresh conversation with `replaced` = (id given), logs and counts the error.
   */
  resolve(id: string | undefined): Promise<{ id: string; state: unknown | null; replaced: boolean }>;
  /** Saves the state after a turn and pushes the expiry forward; never throws (errors logged and counted). */
  save(id: string, state: unknown): Promise<void>;
}

/** The conversations as the store keeps them: the answerer's view, plus removal and the expiry sweep. */
export interface ConversationPart extends ConversationStore {
  /** Removes one conversation; true when it was there. Throws when the store fails. */
  remove(id: string): Promise<boolean>;
  /** Removes the expired conversations; resolves to how many. Throws when the store fails. */
  sweep(): Promise<number>;
}

/** The languages a question is logged in. */
export type Language = 'da' | 'en';

/** One answered question, as the question log keeps it. No IP address, no user agent. */
export interface QuestionRecord {
  /** The answer's id (a UUID), which feedback refers to. */
  answerId: string;
  conversationId: string;
  /** When it was asked, ms since the epoch. */
  askedAt: number;
  question: string;
  /** The answer text, so a thumbs-down can be read with what it judged. */
  answer: string;
  language: Language;
  /** The plan: the kind of answer given (contact, fact, topic…). */
  answerType: string;
  /** Whether the question was answered as a follow-up of the conversation's earlier turn. */
  followUp: boolean;
  /** The cases the answer cited, in order. */
  caseIds: string[];
  /** Whether the question was declined (nothing in the collection answered it). */
  declined: boolean;
  /** Time to compose the answer, ms. */
  latencyMs: number;
}

export type Rating = 'up' | 'down';

/** A logged question with the feedback its answer got, if any. */
export interface LoggedQuestion extends QuestionRecord {
  rating: Rating | null;
  comment: string | null;
}

/** A rating of one answer. */
export interface FeedbackRecord {
  answerId: string;
  rating: Rating;
  /** At most 1000 characters; null when none was given. */
  comment: string | null;
  /** When it was given, ms since the epoch. */
  at: number;
}

/** The question log: written in the background, read for analytics. */
export interface QuestionLog {
  /** Queues a record; it is written in a batch right after. Never throws; failures are reported and retried. */
  record(question: QuestionRecord): void;
  /** Writes what is queued now; resolves when that write succeeded or failed (failures are reported). */
  flush(): Promise<void>;
  /** The questions asked in [from, to) (ms), oldest first, with their feedback. Throws when the store fails. */
  between(from: number, to: number): Promise<LoggedQuestion[]>;
}

/** Ratings of answers. */
export interface FeedbackPart {
  /** Stores the rating of an answer, replacing an earlier one; false when no logged answer has this id. Throws when the store fails. */
  rate(feedback: FeedbackRecord): Promise<boolean>;
}

/** What was removed with a conversation. */
export interface Forgotten {
  conversation: boolean;
  questions: number;
  feedback: number;
}

/** What one retention sweep removed. */
export interface Swept {
  conversations: number;
  questions: number;
  feedback: number;
}

/** The parts of the store, as failures name them (`database`: a pooled connection that broke while idle). */
export type StorePart = 'conversations' | 'questions' | 'feedback' | 'sweep' | 'database';

/** Every part, in the order metrics list them. */
export const STORE_PARTS: readonly StorePart[] = ['conversations', 'questions', 'feedback', 'sweep', 'database'];

/** A store operation that failed (the database is down, the disk is full…): reported, never thrown at /api/ask. */
export interface StoreFailure {
  part: StorePart;
  /** The operation: `resolve`, `save`, `write`, `sweep`… */
  op: string;
  error: string;
}

/** The store casechat keeps what people asked and thought in. */
export interface Store {
  /** `sqlite` or `postgres`: where the question log and feedback live. */
  readonly kind: StoreKind;
  readonly conversations: ConversationPart;
  readonly questions: QuestionLog;
  readonly feedback: FeedbackPart;
  /** Removes a conversation with its questions and their feedback (a person's request). Throws when the store fails. */
  forget(conversationId: string): Promise<Forgotten>;
  /** Removes expired conversations, and questions (with their feedback) older than the retention. Throws when the store fails. */
  sweep(): Promise<Swept>;
  /** Stops the periodic sweep, writes what the question log holds, closes the database. */
  close(): Promise<void>;
}

/** The databases a store can live in. */
export type StoreKind = 'sqlite' | 'postgres';
