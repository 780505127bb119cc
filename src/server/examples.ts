/**
 * An example request and response for every endpoint, taken from the shipped corpus (passages
 * shortened with "…"). They stand in /openapi.json beside the schemas, and /docs shows them; a test
 * checks every response example against its schema.
 */

const LAESEHESTENE_CONTACTS = [
  { name: 'Sine Jung Gormsen', role: 'Tovholder på +DIG', org: 'Lejre Kommune', email: 'sjgo@lejre.dk', phone: '+45 61 19 58 31', emailRepaired: false },
  { name: 'Kari Haugan Engberg', role: 'tovholder', org: 'Læsehestene', email: 'kaen@lejre.dk', phone: '+45 24 79 03 12', emailRepaired: false },
];

const LAESEHESTENE_SOURCE = { file: 'laes-stjael-fortael-2019.txt', page: null, lineStart: 581, lineEnd: 694 };

const ASK = {
  conversationId: 'b323fb05-f254-48c9-9316-ca32bc65441e',
  answerId: '6f1d0a34-9c1e-4b8e-8f3a-2d4b7a9c0e15',
  answer:
    'Du kan kontakte disse om **Læsehestene** (Lejre Kommune, Helsefonden):\n- Sine Jung Gormsen, Tovholder på +DIG, Lejre Kommune · sjgo@lejre.dk · tlf. +45 61 19 58 31 [1]\n- Kari Haugan Engberg, tovholder, Læsehestene · kaen@lejre.dk · tlf. +45 24 79 03 12 [2]',
  citations: [
    {
      n: 1,
      caseId: 'laesehestene',
      title: 'Læsehestene',
      quote: 'Sine Jung Gormsen, Tovholder på +DIG, Lejre Kommune\n\n📞 61 19 58 31\n\n✉️ sjgo@lejre.dk',
      source: { file: 'laes-stjael-fortael-2019.txt', page: null, lineStart: 683, lineEnd: 688 },
    },
    {
      n: 2,
      caseId: 'laesehestene',
      title: 'Læsehestene',
      quote: 'Kari Haugan Engberg, tovholder, Læsehestene\n\n📞 24 79 03 12\n\n✉️ kaen@lejre.dk',
      source: { file: 'laes-stjael-fortael-2019.txt', page: null, lineStart: 690, lineEnd: 694 },
    },
  ],
  cases: [
    { id: 'laesehestene', title: 'Læsehestene', organisations: ['Lejre Kommune', 'Helsefonden', 'Center for Børn & Læring'], contacts: LAESEHESTENE_CONTACTS },
  ],
  notice: null,
  plan: { answerType: 'person', followUp: false, why: 'names the case' },
  declined: false,
  language: 'da',
};

const CONVERSATION_ID = 'b323fb05-f254-48c9-9316-ca32bc65441e';

const REINDEX_STATUS = {
  state: 'running',
  trigger: 'admin',
  startedAt: '2026-11-30T21:02:11.402Z',
  finishedAt: null,
  changed: null,
  swappedAt: null,
  generation: 'g-20261130T202836Z-17zw47',
  error: null,
};

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const EXAMPLES = {
  search: {
    query: { q: 'hvordan hjælper man hjemløse unge?', k: 2 },
    response: {
      query: 'hvordan hjælper man hjemløse unge?',
      results: [
        {
          caseId: 'hjem-til-alle',
          title: 'Hjem til Alle',
          score: 0.050984,
          passage:
            'Hjem til alle-alliancen samler de vigtigste statslige, kommunale og private aktører på hjemløseområdet og arbejder for at stoppe hjemløshed blandt unge. …',
          source: { file: 'sammen-ved-vi-bedst.txt', page: null, lineStart: 123, lineEnd: 133 },
        },
        {
          caseId: 'hjem-til-alle-alliancen',
          title: 'Hjem til Alle Alliancen',
          score: 0.050323,
          passage: 'Sammen er de blevet enige om at reservere nogle af boligerne på Bikubenfondens private kollegie i Odense til hjemløse unge. …',
          source: { file: 'hjem-til-alle-odense-2018.txt', page: null, lineStart: 1, lineEnd: 11 },
        },
      ],
    },
  },
  ask: { body: { question: 'Hvem kan jeg kontakte om Læsehestene?' }, response: ASK },
  askStream: {
    body: { question: 'Hvem kan jeg kontakte om Læsehestene?' },
    response: [
      sse('meta', { conversationId: ASK.conversationId, newConversation: true, notice: null }),
      sse('delta', { text: ASK.answer }),
      sse('citations', { citations: ASK.citations }),
      sse('cases', { cases: ASK.cases }),
      sse('done', ASK),
    ].join(''),
  },
  cases: {
    response: {
      cases: [
        {
          id: 'laesehestene',
          title: 'Læsehestene',
          organisations: ['Lejre Kommune', 'Helsefonden', 'Center for Børn & Læring'],
          year: '2018',
          document: 'Læs stjæl fortæl',
        },
        {
          id: 'hjem-til-alle-alliancen',
          title: 'Hjem til Alle Alliancen',
          organisations: ['Odense Kommune', 'Bikubenfonden', 'Center for Offentlig Innovation'],
          year: '2018',
          document: 'Hjem til Alle Alliancen',
        },
      ],
    },
  },
  case: {
    params: { id: 'laesehestene' },
    response: {
      id: 'laesehestene',
      title: 'Læsehestene',
      document: 'Læs stjæl fortæl',
      organisations: ['Lejre Kommune', 'Helsefonden', 'Center for Børn & Læring'],
      nominator: 'Lejre Kommune',
      targetGroup: 'Børn i alderen 2-6 år',
      year: '2018',
      summary:
        'Læsehestene er et tiltag, hvor frivillige besøger daginstitutioner og dagplejere for at læse for de 2-6-årige børn i mindre grupper. Gennem læsningen og samværet støttes børnenes sproglige udvikling.',
      sections: [
        {
          name: 'Til løsning',
          text: '15 frivillige Læseheste besøger dagplejere og daginstitutioner, hvor de læser op for en mindre gruppe børn. …',
          source: { ...LAESEHESTENE_SOURCE, lineStart: 599, lineEnd: 603 },
        },
      ],
      contacts: LAESEHESTENE_CONTACTS.map((p) => ({ ...p, emails: [p.email] })),
      source: LAESEHESTENE_SOURCE,
    },
  },
  contacts: {
    query: { q: 'Lejre' },
    response: { query: 'Lejre', results: LAESEHESTENE_CONTACTS.map((p) => ({ ...p, emails: [p.email], caseId: 'laesehestene', caseTitle: 'Læsehestene' })) },
  },
  health: {
    response: {
      status: 'ok',
      cases: 70,
      chunks: 497,
      model: 'casechat-corpus-3e940a3b2704',
      generation: 'g-20261130T202836Z-17zw47',
      indexCreatedAt: '2026-11-30T20:28:36.970Z',
    },
  },
  reindex: { body: { force: false }, response: { status: REINDEX_STATUS } },
  feedback: {
    body: { answerId: ASK.answerId, rating: 'down', comment: 'Jeg manglede telefonnummeret til biblioteket.' },
    response: { answerId: ASK.answerId, rating: 'down', comment: 'Jeg manglede telefonnummeret til biblioteket.' },
  },
  analytics: {
    response: {
      period: { from: '2026-11-01', to: '2026-11-30' },
      totals: { questions: 293, conversations: 221, declined: 36, followUps: 32, thumbsUp: 231, thumbsDown: 62 },
      perDay: [{ day: '2026-11-30', questions: 293, declined: 36 }],
      gaps: [
        {
          question: 'Hvordan rydder Herning Kommune sne om vinteren?',
          count: 2,
          examples: ['Hvordan rydder Herning Kommune sne om vinteren?', 'Hvem står for snerydning i Herning?'],
          terms: ['herning', 'sne'],
          lastAskedAt: '2026-11-30T21:40:12.000Z',
        },
      ],
      thumbsDown: [
        {
          answerId: ASK.answerId,
          askedAt: '2026-11-30T21:41:03.000Z',
          question: 'Hvem kan jeg kontakte om Læsehestene?',
          answer: ASK.answer,
          comment: 'Jeg manglede telefonnummeret til biblioteket.',
          cases: [{ id: 'laesehestene', title: 'Læsehestene' }],
        },
      ],
      topCases: [{ id: 'heartwork', title: 'HeartWork', questions: 21 }],
      answerTypes: [
        { answerType: 'topic', questions: 150 },
        { answerType: 'person', questions: 44 },
      ],
      languages: [
        { language: 'da', questions: 286 },
        { language: 'en', questions: 7 },
      ],
      latencyMs: { p50: 3.8, p90: 15.2, p95: 26.7, p99: 106.5, max: 263.5 },
    },
  },
  analyticsCsv: {
    response:
      'asked_at,conversation_id,answer_id,language,answer_type,follow_up,declined,latency_ms,case_ids,question,answer,rating,comment\r\n' +
      '2026-11-30T21:41:03.000Z,b323fb05-f254-48c9-9316-ca32bc65441e,6f1d0a34-9c1e-4b8e-8f3a-2d4b7a9c0e15,da,person,false,false,2.1,laesehestene,Hvem kan jeg kontakte om Læsehestene?,"Du kan kontakte disse om **Læsehestene** …",down,Jeg manglede telefonnummeret til biblioteket.\r\n',
  },
  deleteConversation: {
    params: { id: CONVERSATION_ID },
    response: { id: CONVERSATION_ID, removed: { conversation: true, questions: 4, feedback: 1 } },
  },
  adminStatus: {
    response: {
      status: {
        ...REINDEX_STATUS,
        state: 'succeeded',
        finishedAt: '2026-11-30T21:02:36.118Z',
        changed: true,
        swappedAt: '2026-11-30T21:02:36.950Z',
        generation: 'g-20261130T210236Z-4k2q9d',
      },
      index: {
        generation: 'g-20261130T210236Z-4k2q9d',
        createdAt: '2026-11-30T21:02:36.001Z',
        cases: 70,
        chunks: 497,
        bytes: 14889921,
        model: 'casechat-corpus-3e940a3b2704',
      },
    },
  },
  metrics: {
    response: [
      '# HELP http_requests_total HTTP requests answered',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",route="/api/search",status="200"} 42',
      '# TYPE casechat_index_cases gauge',
      'casechat_index_cases 70',
      'casechat_index_chunks 497',
      'casechat_index_age_seconds 857.613',
      'casechat_reindex_total{outcome="succeeded"} 1',
      '',
    ].join('\n'),
  },
} as const;
