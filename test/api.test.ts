import { describe, expect, it } from 'vitest';
import { testApp } from './app.js';
import { corpusLines } from './corpus.js';

type Source = { file: string; page: number | null; lineStart: number | null; lineEnd: number | null };
type Contact = { name: string; role: string | null; org: string | null; email: string | null; phone: string | null; emailRepaired?: boolean };
type ErrorBody = { error: { code: string; message: string } };
type CaseListBody = { cases: Array<{ id: string; title: string; organisations: string[]; year: string | null; document: string }> };
type CaseDetailBody = {
  id: string;
  title: string;
  sections: Array<{ name: string; text: string; source: Source }>;
  contacts: Contact[];
  source: Source;
};
type ContactsBody = { query: string; results: Array<Contact & { caseId: string; caseTitle: string }> };
type Citation = { n: number; caseId: string; title: string; quote: string; source: Source };
type AskBody = {
  conversationId: string;
  answer: string;
  citations: Citation[];
  cases: Array<{ id: string; title: string; organisations: string[]; contacts: Contact[] }>;
  notice: string | null;
};

/** Lines lineStart..lineEnd (1-based, inclusive) of a corpus file, joined by "\n". */
function linesOf(source: Source): string {
  return corpusLines(source.file)
    .slice(source.lineStart! - 1, source.lineEnd!)
    .join('\n');
}

/** Posts a JSON body to the app (a fresh app, with its own conversations, unless one is given). */
async function askJson(body: unknown, path = '/api/ask', app?: Awaited<ReturnType<typeof testApp>>) {
  app ??= await testApp();
  return app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

/** The events of a server-sent-event body, in order, with their data parsed as JSON. */
function parseSse(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice('data: '.length))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

describe('GET /api/cases', () => {
  it('lists all 70 cases with their id, title, organisations, year and document', async () => {
    const app = await testApp();
    const res = await app.request('/api/cases');
    expect(res.status).toBe(200);
    const { cases } = (await res.json()) as CaseListBody;
    expect(cases).toHaveLength(70);
    expect(new Set(cases.map((c) => c.id)).size).toBe(70);
    for (const c of cases) {
      expect(Object.keys(c).sort()).toEqual(['document', 'id', 'organisations', 'title', 'year']);
      expect(c.id).toMatch(/^[a-z0-9-]{1,120}$/);
      expect(c.title.trim()).not.toBe('');
      expect(c.organisations.every((o) => typeof o === 'string' && o.trim() !== '')).toBe(true);
      // a year or a span of years, as the case states it ("2015 - 2018")
      expect(c.year === null || /^\d{4}( - \d{4})?$/.test(c.year)).toBe(true);
      expect(c.document.trim()).not.toBe('');
    }
  });

  it('lists Læsehestene under Lejre Kommune', async () => {
    const app = await testApp();
    const { cases } = (await (await app.request('/api/cases')).json()) as CaseListBody;
    const found = cases.find((c) => c.id === 'laesehestene');
    expect(found).toMatchObject({ id: 'laesehestene', title: 'Læsehestene', year: '2018', document: 'Læs stjæl fortæl' });
    expect(found!.organisations).toContain('Lejre Kommune');
  });
});

describe('GET /api/cases/{id}', () => {
  it('returns Læsehestene with its sections, contacts and exact source', async () => {
    const app = await testApp();
    const res = await app.request('/api/cases/laesehestene');
    expect(res.status).toBe(200);
    const body = (await res.json()) as CaseDetailBody;
    expect(body.title).toBe('Læsehestene');
    const names = body.sections.map((s) => s.name);
    expect(names).toContain('Fra udfordring');
    expect(names).toContain('Kontakt');
    expect(body.contacts.map((p) => p.email)).toEqual(['sjgo@lejre.dk', 'kaen@lejre.dk']);
    expect(body.source).toEqual({ file: 'laes-stjael-fortael-2019.txt', page: null, lineStart: 581, lineEnd: 694 });
  });

  it('quotes every section verbatim from the corpus file', async () => {
    const app = await testApp();
    const body = (await (await app.request('/api/cases/laesehestene')).json()) as CaseDetailBody;
    const file = corpusLines('laes-stjael-fortael-2019.txt').join('\n');
    for (const s of body.sections) expect(file, s.name).toContain(s.text);
  });

  // a chunk may run over several sections: each section still gets only its own lines
  it('gives every section the text on its own lines, and only that', async () => {
    const app = await testApp();
    const body = (await (await app.request('/api/cases/laesehestene')).json()) as CaseDetailBody;
    for (const s of body.sections) {
      const own = linesOf(s.source);
      for (const paragraph of s.text.split(/\n\s*\n/).filter((p) => p.trim())) expect(own, s.name).toContain(paragraph);
    }
    const partners = body.sections.find((s) => s.name === 'Hvem har samarbejdet om innovationen?');
    expect(partners!.text).toContain('Øvrige samarbejdspartnere er Mary Fonden og Centralbiblioteket i Roskilde.');
  });

  it('answers an unknown case id with a JSON 404', async () => {
    const app = await testApp();
    const res = await app.request('/api/cases/no-such-case');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no case with id no-such-case' } });
  });

  it('answers an id that is not a case slug with a JSON 400', async () => {
    const app = await testApp();
    const res = await app.request('/api/cases/BAD%20ID!');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'id: id must be a case slug' } });
  });
});

describe('GET /api/contacts', () => {
  it('finds the contacts of Læsehestene by their municipality', async () => {
    const app = await testApp();
    const res = await app.request('/api/contacts?q=lejre');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ContactsBody;
    expect(body.query).toBe('lejre');
    expect(body.results.map((r) => [r.caseId, r.email])).toEqual([
      ['laesehestene', 'sjgo@lejre.dk'],
      ['laesehestene', 'kaen@lejre.dk'],
    ]);
  });

  it('finds a person by full name', async () => {
    const app = await testApp();
    const body = (await (await app.request(`/api/contacts?q=${encodeURIComponent('Hanne Holm')}`)).json()) as ContactsBody;
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ name: 'Hanne Holm', email: 'psyk.bu.sdb.odense@rsyd.dk', caseId: 'tilbage-til-skole' });
  });

  it('finds a repaired email and says it was repaired', async () => {
    const app = await testApp();
    const body = (await (await app.request('/api/contacts?q=hjemtilalle')).json()) as ContactsBody;
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ email: 'anne@hjemtilalle.dk', emailRepaired: true, caseId: 'hjem-til-alle' });
  });

  it('falls back to the contacts of the cases about a topic when no name matches', async () => {
    const app = await testApp();
    const body = (await (await app.request(`/api/contacts?q=${encodeURIComponent('hjemløse unge')}`)).json()) as ContactsBody;
    expect(body.query).toBe('hjemløse unge');
    expect(body.results.map((r) => r.email)).toContain('anne@hjemtilalle.dk');
    expect(body.results.find((r) => r.email === 'anne@hjemtilalle.dk')!.caseId).toBe('hjem-til-alle');
  });

  it.each([
    ['', 'q: q is required'],
    ['?q=', 'q: q must not be empty'],
    ['?q=%20%20', 'q: q must not be empty'],
    [`?q=${'a'.repeat(201)}`, 'q: q must be at most 200 characters'],
  ])('answers %s with 400 and a clear message', async (qs, message) => {
    const app = await testApp();
    const res = await app.request(`/api/contacts${qs}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message } });
  });
});

describe('POST /api/ask: validation', () => {
  it.each([
    ['a JSON object without question', '{}', 'question: question is required and must be a string'],
    ['a question that is a number', '{"question": 5}', 'question: question is required and must be a string'],
    ['an empty question', '{"question": ""}', 'question: question must not be empty'],
    ['a question of only spaces', '{"question": "   "}', 'question: question must not be empty'],
    ['a question of 1001 characters', JSON.stringify({ question: 'a'.repeat(1001) }), 'question: question must be at most 1000 characters'],
    ['a conversationId of 101 characters', JSON.stringify({ question: 'unge', conversationId: 'c'.repeat(101) }), 'conversationId: '],
    ['invalid JSON', '{', 'Malformed JSON in request body'],
    ['an empty body declared as JSON', '', 'Malformed JSON in request body'],
  ])('answers %s with 400 and a message naming what is wrong', async (_what, body, message) => {
    const app = await testApp();
    const res = await app.request('/api/ask', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe('BAD_REQUEST');
    expect(err.error.message).toContain(message);
  });

  it('answers a request without body or content type with 400 naming the question', async () => {
    const app = await testApp();
    const res = await app.request('/api/ask', { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'question: question is required and must be a string' } });
  });

  it('answers a text/plain body with 415 and a JSON error body', async () => {
    const app = await testApp();
    const res = await app.request('/api/ask', { method: 'POST', body: '{"question":"unge"}', headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the request body must be JSON with Content-Type application/json; got Content-Type "text/plain"' },
    });
  });
});

describe('POST /api/ask: conversations', () => {
  it('starts a new conversation with a notice for an unknown id, and continues it on the next turn', async () => {
    const app = await testApp();
    const first = await askJson({ question: 'Hvem kan jeg kontakte om Læsehestene?', conversationId: 'unknown-conversation' }, '/api/ask', app);
    expect(first.status).toBe(200);
    const a = (await first.json()) as AskBody;
    expect(a.conversationId).not.toBe('unknown-conversation');
    expect(a.conversationId).not.toBe('');
    expect(a.notice).not.toBeNull();

    const second = (await (await askJson({ question: 'Hvad kostede det?', conversationId: a.conversationId }, '/api/ask', app)).json()) as AskBody;
    expect(second.conversationId).toBe(a.conversationId);
    expect(second.notice).toBeNull();
  });

  it('starts a conversation without a notice when no id is sent', async () => {
    const body = (await (await askJson({ question: 'Hvem kan jeg kontakte om Læsehestene?' })).json()) as AskBody;
    expect(body.conversationId).not.toBe('');
    expect(body.notice).toBeNull();
  });
});

describe('POST /api/ask: citations', () => {
  it.each([
    'Hvordan hjælper man hjemløse unge?',
    'Hvem kan jeg kontakte om Læsehestene?',
    'Hvad kostede VR-udstyret i Silkeborg?',
    'Fortæl mere om Datademokrati',
    'Hvilke projekter har Herning Kommune?',
  ])('cites only exact corpus lines of the cases it names for «%s»', async (question) => {
    const res = await askJson({ question });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AskBody;
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.citations.map((c) => c.n)).toEqual(body.citations.map((_, i) => i + 1));
    const caseIds = body.cases.map((c) => c.id);
    for (const c of body.citations) {
      expect(c.quote.trim()).not.toBe('');
      expect(c.source.lineEnd!).toBeGreaterThanOrEqual(c.source.lineStart!);
      expect(linesOf(c.source), `[${c.n}] ${c.source.file}:${c.source.lineStart}-${c.source.lineEnd}`).toContain(c.quote);
      expect(caseIds).toContain(c.caseId);
      expect(c.title).toBe(body.cases.find((x) => x.id === c.caseId)!.title);
    }
    const markers = [...new Set([...body.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].sort((x, y) => x - y);
    expect(markers).toEqual(body.citations.map((c) => c.n));
  });

  it('answers a question far from every case honestly, without citations or cases', async () => {
    const body = (await (await askJson({ question: 'hvad koster vintervedligeholdelse af veje?' })).json()) as AskBody;
    expect(body.citations).toEqual([]);
    expect(body.cases).toEqual([]);
    expect(body.answer).toContain('kunne ikke finde');
    expect(body.answer).not.toMatch(/\[\d+\]/);
  });
});

describe('POST /api/ask/stream', () => {
  it('streams meta, the answer in deltas, citations, cases and done, in that order', async () => {
    const res = await askJson({ question: 'Hvordan hjælper man hjemløse unge?' }, '/api/ask/stream');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    const kinds = events.map((e) => e.event);
    const deltas = kinds.filter((k) => k === 'delta').length;
    expect(deltas).toBeGreaterThan(0);
    expect(kinds).toEqual(['meta', ...Array<string>(deltas).fill('delta'), 'citations', 'cases', 'done']);

    const meta = events[0].data as { conversationId: string; newConversation: boolean; notice: string | null };
    const done = events.at(-1)!.data as AskBody;
    expect(meta).toEqual({ conversationId: done.conversationId, newConversation: true, notice: null });
    const text = events
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(text).toBe(done.answer);
    expect(events.find((e) => e.event === 'citations')!.data).toEqual({ citations: done.citations });
    expect(events.find((e) => e.event === 'cases')!.data).toEqual({ cases: done.cases });
    expect(done.citations.length).toBeGreaterThan(0);
  });

  it('answers an invalid body with a JSON 400, not a stream', async () => {
    const res = await askJson({ question: '' }, '/api/ask/stream');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'question: question must not be empty' } });
  });
});

describe('API description', () => {
  it('has schemas for the request, the responses and the error in /openapi.json', async () => {
    const app = await testApp();
    const doc = (await (await app.request('/openapi.json')).json()) as { components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['AskRequest', 'AskResponse', 'SearchResponse', 'Error']));
  });

  it('gives every endpoint an example request and response, each response example of its schema', async () => {
    const schemas = await import('../src/server/schemas.js');
    const { ReindexStatusSchema, StatusResponseSchema } = await import('../src/server/admin.js');
    const { EXAMPLES } = await import('../src/server/examples.js');
    const app = await testApp();
    type Media = { example?: unknown };
    type Op = {
      parameters?: Array<{ schema?: Media }>;
      requestBody?: { content: Record<string, Media> };
      responses: Record<string, { content?: Record<string, Media> }>;
    };
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) expect(p.schema?.example, `${method} ${path}`).toBeDefined();
        if (op.requestBody) expect(Object.values(op.requestBody.content)[0]?.example, `${method} ${path}`).toBeDefined();
        const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'))!;
        expect(Object.values(ok[1].content ?? {})[0]?.example, `${method} ${path}`).toBeDefined();
      }
    }
    const parses: Array<[{ safeParse(v: unknown): { success: boolean } }, unknown]> = [
      [schemas.SearchResponseSchema, EXAMPLES.search.response],
      [schemas.AskResponseSchema, EXAMPLES.ask.response],
      [schemas.CaseListSchema, EXAMPLES.cases.response],
      [schemas.CaseDetailSchema, EXAMPLES.case.response],
      [schemas.ContactsResponseSchema, EXAMPLES.contacts.response],
      [schemas.HealthSchema, EXAMPLES.health.response],
      [StatusResponseSchema, EXAMPLES.adminStatus.response],
      [ReindexStatusSchema, EXAMPLES.reindex.response.status],
    ];
    for (const [schema, example] of parses) expect(schema.safeParse(example).success).toBe(true);
    // the stream example is the events a client reads; its last one, done, is the whole answer
    const done = /event: done\ndata: (.*)\n\n$/.exec(EXAMPLES.askStream.response)!;
    expect(schemas.AskResponseSchema.safeParse(JSON.parse(done[1])).success).toBe(true);
  });

  it('answers every example request of /openapi.json with a success from the real app', async () => {
    const app = await testApp();
    type Op = {
      parameters?: Array<{ name: string; in: string; schema?: { example?: unknown } }>;
      requestBody?: { content: Record<string, { example?: unknown }> };
    };
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        let url = path;
        const query = new URLSearchParams();
        for (const p of op.parameters ?? []) {
          if (p.in === 'path') url = url.replace(`{${p.name}}`, String(p.schema!.example));
          else query.set(p.name, String(p.schema!.example));
        }
        const body = op.requestBody ? JSON.stringify(Object.values(op.requestBody.content)[0]!.example) : undefined;
        const res = await app.request(`${url}${query.size ? `?${query}` : ''}`, {
          method: method.toUpperCase(),
          body,
          headers: body ? { 'Content-Type': 'application/json' } : {},
        });
        expect(res.status, `${method} ${path}`).toBe(200);
      }
    }
  });

  it('shows every endpoint on /docs in English, with its example request as curl and its example response', async () => {
    const app = await testApp();
    const html = await (await app.request('http://casechat.example.dk/docs')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<header class="site">');
    expect(html).not.toMatch(/Metode|Parametre|påkrævet|Hvad</);
    const sections = html.split('<section class="endpoint"').slice(1);
    expect(sections.map((s) => /<code>([^<]+)<\/code><\/h2>/.exec(s)![1])).toEqual([
      '/healthz',
      '/metrics',
      '/api/search',
      '/api/ask',
      '/api/ask/stream',
      '/api/cases',
      '/api/cases/{id}',
      '/api/contacts',
    ]);
    for (const s of sections) {
      expect(s).toContain('<h3>Example request</h3>');
      expect(s).toContain('<h3>Example response</h3>');
    }
    expect(html).toContain(
      'curl \\\n  --get \\\n  --data-urlencode &#39;q=hvordan hjælper man hjemløse unge?&#39; \\\n  --data-urlencode &#39;k=2&#39; \\\n  &#39;http://casechat.example.dk/api/search&#39;',
    );
    expect(html).toContain(
      'curl \\\n  -X POST \\\n  -H &#39;Content-Type: application/json&#39; \\\n  -d &#39;{&quot;question&quot;:&quot;Hvem kan jeg kontakte om Læsehestene?&quot;}&#39; \\\n  &#39;http://casechat.example.dk/api/ask&#39;',
    );
  });

  it('lists /api/ask on the /docs page', async () => {
    const app = await testApp();
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<code>/api/ask</code>');
    expect(html).toContain('<code>/api/ask/stream</code>');
  });
});

describe('response shapes', () => {
  it('answers with bodies that match the schemas /openapi.json is generated from', async () => {
    const { AskResponseSchema, SearchResponseSchema, CaseListSchema, CaseDetailSchema } = await import('../src/server/schemas.js');
    const app = await testApp();
    const post = (question: string) =>
      app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    for (const q of ['Hvem kan jeg kontakte om Læsehestene?', 'Hvilke projekter har Herning Kommune?', 'hvad koster vintervedligeholdelse af veje?']) {
      expect(AskResponseSchema.safeParse(await (await post(q)).json()).success).toBe(true);
    }
    expect(SearchResponseSchema.safeParse(await (await app.request('/api/search?q=unge')).json()).success).toBe(true);
    expect(CaseListSchema.safeParse(await (await app.request('/api/cases')).json()).success).toBe(true);
    expect(CaseDetailSchema.safeParse(await (await app.request('/api/cases/heartwork')).json()).success).toBe(true);
  });
});
