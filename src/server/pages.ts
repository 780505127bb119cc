/**
 * Server-rendered HTML pages: the chat page, a case page with the cited passage
 * highlighted, the case list and the widget demo. Every value is escaped with
 * `escapeHtml`; pages carry no inline script, style or event handler, so they work under
 * `Content-Security-Policy: default-src 'self'; style-src 'self'`. They load
 * `/pages.css`, `/widget.js` and `/case.js` from `src/server/static/`.
 */

/** A case as the case page shows it. */
export interface CaseView {
  id: string;
  title: string;
  document: string;
  file: string;
  organisations: string[];
  targetGroup: string | null;
  year: string | null;
  lineStart: number;
  lineEnd: number;
  pageStart: number | null;
  pageEnd: number | null;
  contacts: Array<{
    name: string;
    role: string | null;
    org: string | null;
    email: string | null;
    phone: string | null;
    emailRepaired?: boolean;
  }>;
  sections: Array<{
    name: string;
    paragraphs: Array<{ lineStart: number; lineEnd: number; text: string }>;
  }>;
}

/** A case as the case list shows it. */
export interface CaseListItem {
  id: string;
  title: string;
  organisations: string[];
  year: string | null;
  document: string;
}

/** Which passage of a case page to highlight: a quoted text (`?q=`) or a line (`?line=`). */
export interface Highlight {
  quote?: string;
  lineStart?: number;
}

/** Filter of the case list (`GET /cases?org=…&q=…`). */
export interface CaseFilter {
  org?: string;
  q?: string;
}

/** Example questions on the chat page, in the order shown. */
export const CHAT_EXAMPLES = [
  'Hvordan hjælper man hjemløse unge?',
  'Hvilke cases handler om læsning for børn?',
  'Hvem kan jeg kontakte om Hjem til Alle?',
] as const;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** A deferred external script tag (the only kind of script the pages use). */
function scriptTag(src: string, data: Record<string, string> = {}): string {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  return `<script src="${escapeHtml(src)}" defer${attrs}></script>`;
}

/** Shared page frame: head with the stylesheet and scripts, a site header and the main content. */
function layout(title: string, main: string, scripts: string[] = []): string {
  const scriptTags = scripts.join('\n');
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/pages.css">
${scriptTags}
</head>
<body>
<header class="site"><a class="brand" href="/">casechat</a>
<nav aria-label="Hovedmenu"><a href="/">Chat</a> <a href="/cases">Alle cases</a> <a href="/widget-demo">Widget</a></nav>
</header>
<main id="main">
${main}
</main>
</body>
</html>
`;
}

/** `GET /`: the chat page, with the widget rendered inline (API on the same origin). */
export function chatPage(): string {
  const examples = CHAT_EXAMPLES.map((q) => `<li>${escapeHtml(q)}</li>`).join('');
  const main = `<h1>casechat</h1>
<p class="intro">Stil spørgsmål om innovationscases fra den offentlige sektor. Svarene bygger kun på casene,
viser kilderne med citat og fortæller, hvem du kan kontakte.</p>
<casechat-chat mode="inline" class="chat" data-title="Spørg om innovationscases" data-examples="${escapeHtml(CHAT_EXAMPLES.join('|'))}"></casechat-chat>
<noscript><p>Chatten kræver JavaScript. Du kan stadig <a href="/cases">se alle cases</a>.</p>
<p>Eksempler på spørgsmål:</p><ul>${examples}</ul></noscript>`;
  return layout('casechat', main, [scriptTag('/widget.js')]);
}

/** Lowercased text with runs of whitespace made single spaces, for matching quotes. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
}

/** Shortest quote fragment worth matching (shorter ones match too many paragraphs). */
const MIN_FRAGMENT = 12;
/** Characters of a fragment's head/tail tried when a quote runs over a paragraph break. */
const EDGE = 30;

/**
 * Whether a paragraph holds (part of) the quote: the quote, split at ellipses, is found in
 * the paragraph, the paragraph is found in the quote, or a quote that spans paragraphs
 * starts or ends in it. Whitespace and case are ignored.
 */
export function paragraphHasQuote(paragraph: string, quote: string): boolean {
  const p = normalise(paragraph);
  if (p.length === 0) return false;
  const fragments = quote
    .split(/…|\.\.\./)
    .map(normalise)
    .filter((f) => f.length >= MIN_FRAGMENT);
  return fragments.some(
    (f) =>
      p.includes(f) ||
      (p.length >= MIN_FRAGMENT && f.includes(p)) ||
      (f.length > EDGE && (p.includes(f.slice(0, EDGE)) || p.includes(f.slice(-EDGE)))),
  );
}

/** A paragraph's text as HTML, with the exact quote (if it occurs verbatim) in <mark>. */
function paragraphHtml(text: string, quote: string | undefined): string {
  const at = quote && quote.trim().length >= MIN_FRAGMENT ? text.indexOf(quote.trim()) : -1;
  if (!quote || at < 0) return escapeHtml(text);
  const end = at + quote.trim().length;
  return `${escapeHtml(text.slice(0, at))}<mark>${escapeHtml(text.slice(at, end))}</mark>${escapeHtml(text.slice(end))}`;
}

/** "linje 3–9" / "side 4" / "side 4–5" for a case's source location. */
function sourceRange(c: CaseView): string {
  const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  if (c.pageStart !== null) return `side ${range(c.pageStart, c.pageEnd ?? c.pageStart)}`;
  return `linje ${range(c.lineStart, c.lineEnd)}`;
}

function contactHtml(p: CaseView['contacts'][number]): string {
  const meta = [p.role, p.org].filter((x): x is string => Boolean(x)).map(escapeHtml).join(', ');
  const email = p.email
    ? `<a href="mailto:${escapeHtml(p.email)}">${escapeHtml(p.email)}</a>${
        p.emailRepaired ? ' <span class="note">(e-mailadressen er rettet fra kildeteksten)</span>' : ''
      }`
    : '';
  const phone = p.phone ? `<a href="tel:${escapeHtml(p.phone.replace(/[^\d+]/g, ''))}">${escapeHtml(p.phone)}</a>` : '';
  const links = [email, phone].filter(Boolean).join(' · ');
  return `<li class="contact"><strong>${escapeHtml(p.name)}</strong>${meta ? `<br>${meta}` : ''}${links ? `<br>${links}` : ''}</li>`;
}

/**
 * `GET /cases/:id`: the case with its facts, sections and contacts. Paragraphs holding
 * `highlight.quote`, or the line `highlight.lineStart`, get class "cited"; `/case.js`
 * scrolls to the first one. Each paragraph has `id="L<lineStart>"` for direct links.
 */
export function casePage(c: CaseView, highlight: Highlight): string {
  const quote = highlight.quote?.trim() || undefined;
  const line = highlight.lineStart;
  const isCited = (p: { lineStart: number; lineEnd: number; text: string }): boolean =>
    (quote !== undefined && paragraphHasQuote(p.text, quote)) ||
    (line !== undefined && p.lineStart <= line && line <= p.lineEnd);

  let citedCount = 0;
  const sections = c.sections
    .map((s) => {
      const paragraphs = s.paragraphs
        .map((p) => {
          const cited = isCited(p);
          if (cited) citedCount += 1;
          const attrs = `id="L${p.lineStart}" data-line-start="${p.lineStart}" data-line-end="${p.lineEnd}"`;
          return cited
            ? `<p ${attrs} class="cited" tabindex="-1">${paragraphHtml(p.text, quote)}</p>`
            : `<p ${attrs}>${escapeHtml(p.text)}</p>`;
        })
        .join('\n');
      return `<section class="case-section">\n<h2>${escapeHtml(s.name)}</h2>\n${paragraphs}\n</section>`;
    })
    .join('\n');

  const asked = quote !== undefined || line !== undefined;
  const status = !asked
    ? ''
    : citedCount > 0
      ? '<p class="status" role="status">Det citerede afsnit er markeret nedenfor.</p>'
      : '<p class="status missing" role="status">Det citerede uddrag blev ikke fundet ordret i casen.</p>';

  const facts: Array<[string, string | null]> = [
    ['Organisationer', c.organisations.length ? c.organisations.join(', ') : null],
    ['Målgruppe', c.targetGroup],
    ['År', c.year],
    ['Dokument', c.document],
    ['Kilde', `${c.file}, ${sourceRange(c)}`],
  ];
  const factsHtml = facts
    .filter((f): f is [string, string] => f[1] !== null && f[1] !== '')
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  const contacts = c.contacts.length
    ? `<section class="contacts" aria-labelledby="contacts-title">\n<h2 id="contacts-title">Kontaktpersoner</h2>\n<ul>${c.contacts.map(contactHtml).join('')}</ul>\n</section>`
    : '';

  const main = `<article class="case" data-case-id="${escapeHtml(c.id)}">
<h1>${escapeHtml(c.title)}</h1>
<dl class="facts">${factsHtml}</dl>
${status}
${sections}
${contacts}
</article>
<p><a href="/cases">← Alle cases</a></p>`;
  return layout(`${c.title} – casechat`, main, [scriptTag('/case.js')]);
}

/** Cases matching an organisation (exact) and a text (in title, organisations or document). */
export function filterCases(list: CaseListItem[], filter: CaseFilter): CaseListItem[] {
  const org = filter.org?.trim() || undefined;
  const q = filter.q ? normalise(filter.q) : '';
  return list.filter(
    (c) =>
      (org === undefined || c.organisations.includes(org)) &&
      (q === '' || normalise([c.title, c.document, ...c.organisations].join(' ')).includes(q)),
  );
}

/** `GET /cases`: all cases, filtered server-side by the GET form's organisation and text. */
export function casesPage(list: CaseListItem[], filter: CaseFilter): string {
  const shown = filterCases(list, filter);
  const orgs = [...new Set(list.flatMap((c) => c.organisations))].sort((a, b) => a.localeCompare(b, 'da'));
  const options = orgs
    .map((o) => `<option value="${escapeHtml(o)}"${o === filter.org ? ' selected' : ''}>${escapeHtml(o)}</option>`)
    .join('');
  const items = shown
    .map(
      (c) => `<li><a href="/cases/${encodeURIComponent(c.id)}">${escapeHtml(c.title)}</a>
<span class="meta">${escapeHtml([c.organisations.join(', '), c.year, c.document].filter(Boolean).join(' · '))}</span></li>`,
    )
    .join('\n');
  const main = `<h1>Alle cases</h1>
<form class="filter" method="get" action="/cases" role="search">
<label for="org">Organisation</label>
<select id="org" name="org"><option value="">Alle organisationer</option>${options}</select>
<label for="q">Søg</label>
<input id="q" name="q" type="search" value="${escapeHtml(filter.q ?? '')}">
<button type="submit">Filtrér</button>
</form>
<p class="count" role="status">Viser ${shown.length} af ${list.length} cases.</p>
${shown.length ? `<ul class="case-list">\n${items}\n</ul>` : '<p>Ingen cases passer til filteret.</p>'}`;
  return layout('Alle cases – casechat', main);
}

const DEMO_EXAMPLES = ['Hvordan hjælper man hjemløse unge?', 'Hvem kan jeg kontakte om Hjem til Alle?'];

/** The embed snippet for a site, pointing at `origin` (as text; escape it to show it). */
export function widgetSnippet(origin: string): string {
  return `<script src="${origin}/widget.js" defer
  data-title="Spørg om innovationscases"
  data-greeting="Hej! Hvad vil du vide om offentlige innovationscases?"
  data-color="#1f5f8b"
  data-position="bottom-right"
  data-lang="da"
  data-examples="${DEMO_EXAMPLES.join('|')}"></script>`;
}

/** `GET /widget-demo`: the snippet to copy, its options, and the widget itself on the page. */
export function widgetDemoPage(origin: string): string {
  const options: Array<[string, string]> = [
    ['data-title', 'Overskrift i chatpanelet.'],
    ['data-greeting', 'Første besked i chatten.'],
    ['data-color', 'Accentfarve (standard #1f5f8b, som har god kontrast til hvid tekst).'],
    ['data-position', 'bottom-right (standard) eller bottom-left.'],
    ['data-open', '"true" åbner chatten, når siden indlæses.'],
    ['data-lang', 'da (standard) eller en – sproget i knapper og beskeder.'],
    ['data-examples', 'Eksempler på spørgsmål, adskilt af |.'],
  ];
  const rows = options.map(([k, v]) => `<tr><th scope="row"><code>${escapeHtml(k)}</code></th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const main = `<h1>Chatten på jeres eget site</h1>
<p>Indsæt dette i jeres side, lige før <code>&lt;/body&gt;</code>. Chatten vises som en knap nederst på siden.
Jeres domæne skal være godkendt, før chatten svarer.</p>
<pre class="snippet"><code>${escapeHtml(widgetSnippet(origin))}</code></pre>
<h2>Indstillinger</h2>
<table class="options">
<thead><tr><th scope="col">Attribut</th><th scope="col">Betydning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Knappen nederst til højre på denne side er widgetten, som den ser ud hos jer.</p>`;
  const widget = scriptTag('/widget.js', { title: 'Spørg om innovationscases', examples: DEMO_EXAMPLES.join('|') });
  return layout('Widget – casechat', main, [widget]);
}

/**
 * `GET /admin`: the figures of the question log for the people who run the collection. The page is
 * a shell: `/admin.js` asks for the admin token once (kept in sessionStorage only), reads
 * `/api/admin/analytics` and draws the figures as inline SVG and tables (`/admin.css`).
 */
export function adminPage(): string {
  const main = `<h1>Spørgsmål og feedback</h1>
<p class="intro">Hvad folk spørger om, hvilke spørgsmål samlingen ikke kan svare på, og hvilke svar der fik tommelfinger ned.</p>
<form id="login" class="filter" hidden>
<label for="token">Admin-token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Vis tallene</button>
<p class="note">Tokenet (ADMIN_TOKEN) gemmes kun i denne fane, indtil den lukkes.</p>
</form>
<p id="status" class="note" role="status" aria-live="polite"></p>
<section id="report" hidden aria-labelledby="period-title">
<h2 id="period-title" class="sr-only">Periode</h2>
<form id="period" class="filter">
<label for="from">Fra</label><input id="from" name="from" type="date" required>
<label for="to">Til</label><input id="to" name="to" type="date" required>
<button type="submit">Vis</button>
<button type="button" id="csv">Hent CSV</button>
<button type="button" id="logout">Log ud</button>
</form>
<div id="figures"></div>
</section>
<noscript><p>Siden kræver JavaScript.</p></noscript>`;
  return layout('Spørgsmål og feedback – casechat', main, [scriptTag('/admin.js'), '<link rel="stylesheet" href="/admin.css">']);
}
