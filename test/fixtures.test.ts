import { describe, expect, it } from 'vitest';
import { CHATTY, ENGLISH, PHRASINGS, TYPOS, type AnswerType, type Phrasing } from './fixtures/phrasings.js';

const ANSWER_TYPES: AnswerType[] = [
  'person', 'organisations', 'money', 'quantity', 'percentage', 'date', 'duration', 'frequency',
  'place', 'name', 'reason', 'result', 'method', 'overview', 'topic',
];

/** The question's words, lower-case: runs of letters and digits. */
const wordsOf = (q: string) => new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
const count = (pred: (p: Phrasing) => boolean) => PHRASINGS.filter(pred).length;

describe('the analyser phrasings', () => {
  it('are distinct questions', () => {
    const keys = PHRASINGS.map((p) => [...wordsOf(p.q)].join(' '));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('name focus and scaffolding words that are lower-case words of the question, never both', () => {
    const wrong = PHRASINGS.flatMap((p) => {
      const words = wordsOf(p.q);
      const listed = [...p.focus, ...(p.notFocus ?? [])];
      return [
        ...listed.filter((w) => w !== w.toLowerCase() || !words.has(w)).map((w) => `${p.q}: "${w}" is not a word of it`),
        ...p.focus.filter((w) => p.notFocus?.includes(w)).map((w) => `${p.q}: "${w}" is both`),
      ];
    });
    expect(wrong).toEqual([]);
  });

  it('give a unit, a word of the question, to every quantity question and to no other', () => {
    const wrong = PHRASINGS.filter((p) => (p.answerType === 'quantity') !== (p.unit !== undefined) || (p.unit !== undefined && !wordsOf(p.q).has(p.unit)));
    expect(wrong.map((p) => p.q)).toEqual([]);
  });

  it('mark every similar-case request, ordinal and refinement as a follow-up, and no switch', () => {
    const wrong = PHRASINGS.filter((p) => p.ref && (p.ref.kind === 'switch' ? p.followUp : !p.followUp));
    expect(wrong.map((p) => p.q)).toEqual([]);
  });

  it('take refinement words from the question and count them as focus words', () => {
    const wrong = PHRASINGS.filter((p) => p.ref?.kind === 'refinement' && (p.ref.words.length === 0 || p.ref.words.some((w) => !p.focus.includes(w))));
    expect(wrong.map((p) => p.q)).toEqual([]);
  });

  it('number ordinals from 1, or -1 for the last', () => {
    const wrong = PHRASINGS.filter((p) => p.ref?.kind === 'ordinal' && !(Number.isInteger(p.ref.index) && (p.ref.index >= 1 || p.ref.index === -1)));
    expect(wrong.map((p) => p.q)).toEqual([]);
  });

  it('leave nothing of its own to search in a pronoun follow-up', () => {
    const wrong = PHRASINGS.filter((p) => p.followUp && !p.ref && p.focus.length > 0);
    expect(wrong.map((p) => p.q)).toEqual([]);
  });

  it('flag exactly the English questions as English', () => {
    expect(PHRASINGS.filter((p) => p.english === true)).toEqual(ENGLISH);
  });

  it('make every chatty question a long topic search with its need words as focus', () => {
    const wrong = CHATTY.filter((p) => p.answerType !== 'topic' || p.followUp || p.ref || wordsOf(p.q).size < 15 || p.focus.length < 2);
    expect(wrong.map((p) => p.q)).toEqual([]);
  });

  it('cover every answer type, person in many wordings, and each kind of reference', () => {
    for (const t of ANSWER_TYPES) expect(count((p) => p.answerType === t), t).toBeGreaterThanOrEqual(12);
    expect(count((p) => !ANSWER_TYPES.includes(p.answerType))).toBe(0);
    expect(count((p) => p.answerType === 'person')).toBeGreaterThanOrEqual(30);
    expect(count((p) => p.followUp && !p.ref)).toBeGreaterThanOrEqual(40);
    expect(count((p) => p.ref?.kind === 'similar')).toBeGreaterThanOrEqual(10);
    expect(count((p) => p.ref?.kind === 'ordinal')).toBeGreaterThanOrEqual(8);
    expect(count((p) => p.ref?.kind === 'refinement')).toBeGreaterThanOrEqual(12);
    expect(count((p) => p.ref?.kind === 'switch')).toBeGreaterThanOrEqual(8);
    expect(ENGLISH.length).toBeGreaterThanOrEqual(25);
    expect(TYPOS.length).toBeGreaterThanOrEqual(20);
    expect(CHATTY.length).toBeGreaterThanOrEqual(20);
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(250);
  });
});
