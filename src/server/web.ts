import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { alnumKey, isBlank, isUpperLine } from '../text/normalize.js';
import type { Case, Chunk } from '../types.js';
import { caseLines, caseListItem, contactView } from './projections.js';
import type { Served } from './served.js';
import { docsPage } from './docs.js';
import { adminPage, casePage, casesPage, chatPage, escapeHtml, layout, WIDGET_DEMO_DEFAULTS, widgetDemoPage, type CaseView } from './pages.js';

/** What /openapi.json and /docs say the API is. */
export const API_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'casechat API',
    version: '1.0.0',
    description: 'Questions and answers over Danish public-sector innovation cases, with citations and contacts.',
  },
};

/** Pages load only their own scripts and styles: no inline code anywhere. */
const PAGE_CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'self'";

const STATIC: Record<string, string> = {
  '/widget.js': 'text/javascript; charset=utf-8',
  '/case.js': 'text/javascript; charset=utf-8',
  '/widget-demo.js': 'text/javascript; charset=utf-8',
  '/pages.css': 'text/css; charset=utf-8',
  '/admin.js': 'text/javascript; charset=utf-8',
  '/admin.css': 'text/css; charset=utf-8',
};

/** Static files, read once at start-up, each with its ETag. */
function loadStatic(): Map<string, { body: string; type: string; etag: string }> {
  const out = new Map<string, { body: string; type: string; etag: string }>();
  for (const [path, type] of Object.entries(STATIC)) {
    // scripts and styles are written to be read and served minified (the widget's size budget)
    const source = readFileSync(new URL(`./static${path}`, import.meta.url), 'utf8');
    const loader = path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : null;
    const body = loader ? transformSync(source, { loader, minify: true, legalComments: 'none', target: 'es2020' }).code : source;
    out.set(path, { body, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"` });
  }
  return out;
}

/** The header fields of a long case ("INDSTILLER: Lejre Kommune"), which the facts table shows. */
const HEADER_FIELD = /^(?:INDSTILLER|MÅLGRUPPE|ÅRSTAL):\s*\S/;

/** Whether a one-line paragraph is (part of) the case's title, which the page shows as its heading. */
function isTitleLine(text: string, title: string): boolean {
  const key = alnumKey(text);
  return !text.includes('\n') && !/[.!?]$/.test(text.trim()) && key.length >= 3 && alnumKey(title).includes(key);
}

/**
 * The case as its page shows it: the paragraphs (runs of non-blank lines) of each section, without
 * what the page shows elsewhere — the title line, the header fields (in the facts table) and the
 * contact block (as contact cards, each with the lines it is written on, so a citation of them
 * can be marked).
 */
export function caseView(c: Case, chunks: Chunk[]): CaseView {
  const lines = caseLines(chunks.filter((k) => !k.isContact));
  const paragraphs: Array<{ lineStart: number; lineEnd: number; text: string }> = [];
  let run: string[] = [];
  const flush = (end: number) => {
    if (run.length) paragraphs.push({ lineStart: end - run.length + 1, lineEnd: end, text: run.join('\n') });
    run = [];
  };
  for (let n = c.lineStart; n <= c.lineEnd; n++) {
    const line = lines.get(n);
    if (line === undefined || isBlank(line)) flush(n - 1);
    else run.push(line);
  }
  flush(c.lineEnd);
  // the title and the organisation line in capitals stand in the first section, above the text
  // (a heading further on may share their words)
  const firstEnd = c.sections[0]?.lineEnd ?? c.lineEnd;
  const names = new Set([c.nominator ?? '', ...c.organisations].map(alnumKey));
  const isHeader = (p: { lineStart: number; text: string }) =>
    p.lineStart <= firstEnd && (isTitleLine(p.text, c.title) || (isUpperLine(p.text) && names.has(alnumKey(p.text))));
  const shown = paragraphs.filter((p) => !HEADER_FIELD.test(p.text) && !isHeader(p));
  const written = caseLines(chunks.filter((k) => k.isContact));
  const linesOf = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => written.get(from + i) ?? '').join('\n');
  return {
    id: c.id,
    title: c.title,
    document: c.document,
    file: c.file,
    organisations: c.organisations,
    nominator: c.nominator,
    targetGroup: c.targetGroup,
    year: c.year,
    lineStart: c.lineStart,
    lineEnd: c.lineEnd,
    pageStart: c.pageStart,
    pageEnd: c.pageEnd,
    contacts: c.contacts.map((p) => ({ ...contactView(p), written: linesOf(p.lineStart, p.lineEnd), lineStart: p.lineStart, lineEnd: p.lineEnd })),
    sections: c.sections
      .map((s, i) => ({
        name: s.name,
        // the heading line itself is shown as the section's heading, not again as a paragraph
        paragraphs: shown.filter((p) => p.lineStart >= s.lineStart && p.lineStart <= s.lineEnd && !(p.lineStart === s.lineStart && i > 0)),
      }))
      .filter((s) => s.paragraphs.length),
  };
}

const CasesQuery = z.object({ org: z.string().max(200).optional(), q: z.string().max(200).optional() });
/** The widget demo's form (`GET /widget-demo?title=…&color=…&position=…&examples=…`); absent fields keep their defaults. */
const WidgetDemoQuery = z.object({
  title: z.string().trim().min(1).max(80).default(WIDGET_DEMO_DEFAULTS.title),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default(WIDGET_DEMO_DEFAULTS.color),
  position: z.enum(['bottom-right', 'bottom-left']).default(WIDGET_DEMO_DEFAULTS.position),
  // one question a line; '|' separates them in the snippet, so it may not stand in one
  examples: z
    .string()
    .max(600)
    .regex(/^[^|]*$/)
    .transform((t) =>
      t
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .default(WIDGET_DEMO_DEFAULTS.examples),
});

const CaseQuery = z.object({ q: z.string().max(2000).optional(), line: z.coerce.number().int().positive().optional() });

function html(c: Context, body: string, status: 200 | 400 | 404 = 200) {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.html(body, status);
}

function messagePage(title: string, text: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/cases">Alle cases</a> · <a href="/">Spørg casechat</a></p>`);
}

/** Registers the chat page, case pages, the case list, the widget and its demo, /docs and the /admin page. */
export function registerPages(app: OpenAPIHono, deps: Served): void {
  const files = loadStatic();

  for (const [path, f] of files) {
    app.get(path, (c) => {
      c.header('ETag', f.etag);
      c.header('Cache-Control', 'public, max-age=300, must-revalidate');
      c.header('X-Content-Type-Options', 'nosniff');
      if (c.req.header('if-none-match') === f.etag) return c.body(null, 304);
      return c.body(f.body, 200, { 'Content-Type': f.type });
    });
  }

  // no icon: an empty answer instead of a 404 in every browser console
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/', (c) => html(c, chatPage()));

  app.get('/cases', (c) => {
    const parsed = CasesQuery.safeParse(c.req.query());
    if (!parsed.success) return html(c, messagePage('Ugyldig søgning', 'Filtrene må højst være 200 tegn.'), 400);
    return html(c, casesPage(deps.engine.index.cases.map(caseListItem), parsed.data));
  });

  app.get('/cases/:id', (c) => {
    const engine = deps.engine;
    const found = engine.caseById.get(c.req.param('id'));
    if (!found) return html(c, messagePage('Casen findes ikke', `Der er ingen case med id «${c.req.param('id')}».`), 404);
    const parsed = CaseQuery.safeParse(c.req.query());
    const highlight = parsed.success ? { quote: parsed.data.q, lineStart: parsed.data.line } : {};
    return html(c, casePage(caseView(found, engine.chunksOfCase.get(found.id) ?? []), highlight));
  });

  app.get('/widget-demo', (c) => {
    const parsed = WidgetDemoQuery.safeParse(c.req.query());
    if (!parsed.success) {
      return html(
        c,
        messagePage(
          'Ugyldige indstillinger',
          'Overskriften skal have 1–80 tegn, farven skrives #rrggbb, placeringen er bottom-right eller bottom-left, og eksemplerne (højst 600 tegn) må ikke indeholde |.',
        ),
        400,
      );
    }
    return html(c, widgetDemoPage(new URL(c.req.url).origin, parsed.data));
  });

  // the figures are read with the admin token by /admin.js; the page itself holds none
  app.get('/admin', (c) => html(c, adminPage()));

  app.get('/docs', (c) => html(c, docsPage(app.getOpenAPI31Document(API_INFO), new URL(c.req.url).origin)));
}
