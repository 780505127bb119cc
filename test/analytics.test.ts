import { describe, expect, it } from 'vitest';
import { analytics, csvField, groupGaps, periodBounds, questionLogCsv } from '../src/store/analytics.js';
import type { LoggedQuestion } from '../src/store/types.js';

const T0 = Date.parse('2025-03-10T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;

let n = 0;
/** A logged question, `hours` after 2025-03-10 09:00 UTC. */
function q(hours: number, question: string, extra: Partial<LoggedQuestion> = {}): LoggedQuestion {
  n++;
  return {
    answerId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    conversationId: 'c1',
    askedAt: T0 + hours * HOUR,
    question,
    answer: `svar på ${question}`,
    language: 'da',
    answerType: 'topic',
    followUp: false,
    caseIds: [],
    declined: false,
    latencyMs: 5,
    rating: null,
    comment: null,
    ...extra,
  };
}

const TITLES: Record<string, string> = { 'hjem-til-alle': 'Hjem til Alle', laesehestene: 'Læsehestene' };
const title = (id: string) => TITLES[id] ?? null;

describe('groupGaps', () => {
  it('groups declined questions of one topic in any wording, the most asked first', () => {
    const gaps = groupGaps([
      q(0, 'Hvordan laver man en rumraket af pap?', { declined: true }),
      q(1, 'hvad koster vintervedligeholdelse af veje?', { declined: true }),
      q(2, 'Hvordan bygger man rumraketter af pap?', { declined: true }),
      q(3, 'Rumraket af pap?', { declined: true }),
      q(4, 'Hvordan laver man en rumraket af pap?', { declined: true }),
    ]);
    expect(gaps).toEqual([
      {
        question: 'Hvordan laver man en rumraket af pap?',
        count: 4,
        examples: ['Hvordan laver man en rumraket af pap?', 'Hvordan bygger man rumraketter af pap?', 'Rumraket af pap?'],
        terms: ['rumrak', 'pap'],
        lastAskedAt: '2025-03-10T13:00:00.000Z',
      },
      {
        question: 'hvad koster vintervedligeholdelse af veje?',
        count: 1,
        examples: ['hvad koster vintervedligeholdelse af veje?'],
        terms: ['kost', 'vintervedligehold', 'vej'],
        lastAskedAt: '2025-03-10T10:00:00.000Z',
      },
    ]);
  });
});

describe('analytics', () => {
  const rows = [
    q(0, 'Hvem kan jeg kontakte om Læsehestene?', { answerType: 'contact', caseIds: ['laesehestene'], latencyMs: 2, rating: 'up' }),
    q(1, 'Hvad kostede det?', { answerType: 'fact', followUp: true, caseIds: ['laesehestene'], latencyMs: 4 }),
    q(25, 'Hvordan hjælper man hjemløse unge?', {
      conversationId: 'c2',
      caseIds: ['hjem-til-alle', 'laesehestene', 'hjem-til-alle'],
      latencyMs: 8,
      rating: 'down',
      comment: 'Mangler kontakt',
    }),
    q(26, 'How do I build a rocket?', { conversationId: 'c3', language: 'en', declined: true, latencyMs: 6, rating: 'down', comment: null }),
    q(27, 'Hvad med et gammelt projekt?', { conversationId: 'c3', caseIds: ['slettet-case'], latencyMs: 100 }),
  ];
  const result = analytics(rows, { from: '2025-03-09', to: '2025-03-12' }, title);

  it('counts questions, conversations, declined, follow-ups and ratings', () => {
    expect(result.totals).toEqual({ questions: 5, conversations: 3, declined: 1, followUps: 1, thumbsUp: 1, thumbsDown: 2 });
  });

  it('gives every day of the period, the empty ones with zero (UTC days)', () => {
    expect(result.perDay).toEqual([
      { day: '2025-03-09', questions: 0, declined: 0 },
      { day: '2025-03-10', questions: 2, declined: 0 },
      { day: '2025-03-11', questions: 3, declined: 1 },
      { day: '2025-03-12', questions: 0, declined: 0 },
    ]);
  });

  it('lists the thumbs-down answers newest first, with the question, the answer, the comment and the cases', () => {
    expect(result.thumbsDown).toEqual([
      {
        answerId: rows[3].answerId,
        askedAt: '2025-03-11T11:00:00.000Z',
        question: 'How do I build a rocket?',
        answer: 'svar på How do I build a rocket?',
        comment: null,
        cases: [],
      },
      {
        answerId: rows[2].answerId,
        askedAt: '2025-03-11T10:00:00.000Z',
        question: 'Hvordan hjælper man hjemløse unge?',
        answer: 'svar på Hvordan hjælper man hjemløse unge?',
        comment: 'Mangler kontakt',
        cases: [
          { id: 'hjem-til-alle', title: 'Hjem til Alle' },
          { id: 'laesehestene', title: 'Læsehestene' },
          { id: 'hjem-til-alle', title: 'Hjem til Alle' },
        ],
      },
    ]);
  });

  it('ranks the cited cases by the questions that cited them, a case no longer served without a title', () => {
    expect(result.topCases).toEqual([
      { id: 'laesehestene', title: 'Læsehestene', questions: 3 },
      { id: 'hjem-til-alle', title: 'Hjem til Alle', questions: 1 },
      { id: 'slettet-case', title: null, questions: 1 },
    ]);
  });

  it('ranks the answer types and languages', () => {
    expect(result.answerTypes).toEqual([
      { answerType: 'topic', questions: 3 },
      { answerType: 'contact', questions: 1 },
      { answerType: 'fact', questions: 1 },
    ]);
    expect(result.languages).toEqual([
      { language: 'da', questions: 4 },
      { language: 'en', questions: 1 },
    ]);
  });

  it('gives nearest-rank latency percentiles, and none without questions', () => {
    expect(result.latencyMs).toEqual({ p50: 6, p90: 100, p95: 100, p99: 100, max: 100 });
    const hundred = Array.from({ length: 100 }, (_, i) => q(0, 'x', { latencyMs: 100 - i }));
    expect(analytics(hundred, { from: '2025-03-10', to: '2025-03-10' }, title).latencyMs).toEqual({ p50: 50, p90: 90, p95: 95, p99: 99, max: 100 });
    expect(analytics([], { from: '2025-03-10', to: '2025-03-10' }, title).latencyMs).toBeNull();
  });

  it('covers whole UTC days, the last one included', () => {
    expect(periodBounds({ from: '2025-03-10', to: '2025-03-11' })).toEqual({
      from: Date.parse('2025-03-10T00:00:00Z'),
      to: Date.parse('2025-03-10T00:00:00Z') + 2 * DAY,
    });
  });
});

describe('the CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses what a spreadsheet would run', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+45 12 34')).toBe("'+45 12 34");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
  });

  it('writes a header and one line per question, oldest first', () => {
    const row = q(0, 'Hvem kan jeg kontakte om Læsehestene?', {
      caseIds: ['laesehestene', 'heartwork'],
      rating: 'down',
      comment: '=cmd|"/C calc"!A0',
      answer: 'Kontakt **Lise**, lise@x.dk [1]',
    });
    expect(questionLogCsv([row]).split('\r\n')).toEqual([
      'asked_at,conversation_id,answer_id,language,answer_type,follow_up,declined,latency_ms,case_ids,question,answer,rating,comment',
      `2025-03-10T09:00:00.000Z,c1,${row.answerId},da,topic,false,false,5,laesehestene heartwork,Hvem kan jeg kontakte om Læsehestene?,"Kontakt **Lise**, lise@x.dk [1]",down,"'=cmd|""/C calc""!A0"`,
      '',
    ]);
  });
});
