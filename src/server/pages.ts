/**
 * Server-rendered HTML pages: the chat page, a case page with the cited passage
 * highlighted, the case list and the widget demo. Every value is escaped with
 * `escapeHtml`; pages carry no inline script, style or event handler, so they work under
 * `Content-Security-Policy: default-src 'self'; style-src 'self'`. They load
 * `/pages.css`, `/widget.js` and `/case.js` from `src/server/static/`.
 */
import { escapeRegExp } from '../text/normalize.js';
import type { CaseListItem, ContactView } from './projections.js';

export type { CaseListItem } from './projections.js';

/** A case as the case page shows it. */
export interface CaseView {
  id: string;
  title: string;
  document: string;
  file: string;
  organisations: string[];
  nominator: string | null;
  targetGroup: string | null;
  year: string | null;
  lineStart: number;
  lineEnd: number;
  pageStart: number | null;
  pageEnd: number | null;
  /** The contacts, each with the lines it is written on (`written`), where a citation of it is marked. */
  contacts: Array<ContactView & { written: string; lineStart: number; lineEnd: number }>;
  sections: Array<{
    name: string;
    paragraphs: Array<{ lineStart: number; lineEnd: number; text: string }>;
  }>;
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
export function scriptTag(src: string, data: Record<string, string> = {}): string {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  return `<script src="${escapeHtml(src)}" defer${attrs}></script>`;
}

/** The site menu in each page language. */
const NAV = {
  da: {
    label: 'Hovedmenu',
    links: [
      ['/', 'Chat'],
      ['/cases', 'Alle cases'],
      ['/widget-demo', 'Widget'],
      ['/docs', 'API'],
    ],
  },
  en: {
    label: 'Main menu',
    links: [
      ['/', 'Chat'],
      ['/cases', 'All cases'],
      ['/widget-demo', 'Widget'],
      ['/docs', 'API'],
    ],
  },
} as const;

/**
 * Shared page frame: head with the stylesheet and scripts, a site header and the main content.
 * A page is written in one language, `lang` (default Danish), its menu included.
 */
export function layout(title: string, main: string, scripts: string[] = [], lang: keyof typeof NAV = 'da'): string {
  const scriptTags = scripts.join('\n');
  const nav = NAV[lang];
  const links = nav.links.map(([href, text]) => `<a href="${href}">${escapeHtml(text)}</a>`).join(' ');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/pages.css">
${scriptTags}
</head>
<body>
<header class="site"><a class="brand" href="/">casechat</a>
<nav aria-label="${escapeHtml(nav.label)}">${links}</nav>
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

/** The parts of a quote worth matching: split at ellipses, at least `MIN_FRAGMENT` characters. */
function fragments(quote: string): string[] {
  return quote
    .split(/…|\.\.\./)
    .map((f) => f.trim())
    .filter((f) => f.length >= MIN_FRAGMENT);
}

/**
 * Where the quote (its first fragment found) stands in a text, as [start, end), ignoring case and
 * how whitespace is written (a sentence quoted over a line break); null when it is not there.
 */
export function quoteSpan(text: string, quote: string): [number, number] | null {
  for (const f of fragments(quote)) {
    const m = new RegExp(f.split(/\s+/).map(escapeRegExp).join('\\s+'), 'iu').exec(text);
    if (m) return [m.index, m.index + m[0].length];
  }
  return null;
}

/**
 * Whether a paragraph holds (part of) the quote: a fragment of the quote (split at ellipses) is
 * in the paragraph, or a quote running over a paragraph break starts or ends in it. Whitespace
 * and case are ignored. A short paragraph that merely occurs inside the quote (a title line
 * repeating the case's name) does not count.
 */
export function paragraphHasQuote(paragraph: string, quote: string): boolean {
  if (quoteSpan(paragraph, quote)) return true;
  const p = normalise(paragraph);
  return fragments(quote)
    .map(normalise)
    .some((f) => f.length > EDGE && (p.includes(f.slice(0, EDGE)) || p.includes(f.slice(-EDGE))));
}

/** A text as HTML, with the quote (wherever its whitespace differs) in <mark>. */
function markedHtml(text: string, quote: string | undefined): string {
  const span = quote ? quoteSpan(text, quote) : null;
  if (!span) return escapeHtml(text);
  const [at, end] = span;
  return `${escapeHtml(text.slice(0, at))}<mark>${escapeHtml(text.slice(at, end))}</mark>${escapeHtml(text.slice(end))}`;
}

/** "linje 3–9" / "side 4" / "side 4–5" for a case's source location. */
function sourceRange(c: CaseView): string {
  const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  if (c.pageStart !== null) return `side ${range(c.pageStart, c.pageEnd ?? c.pageStart)}`;
  return `linje ${range(c.lineStart, c.lineEnd)}`;
}

/** A contact card; `cited` marks the one a citation quotes. */
function contactHtml(p: CaseView['contacts'][number], cited: boolean): string {
  const meta = [p.role, p.org]
    .filter((x): x is string => Boolean(x))
    .map(escapeHtml)
    .join(', ');
  const emails = p.emails.map((e) => `<a href="mailto:${escapeHtml(e)}">${escapeHtml(e)}</a>`);
  if (emails.length && p.emailRepaired) emails[emails.length - 1] += ' <span class="note">(e-mailadressen er rettet fra kildeteksten)</span>';
  const phone = p.phone ? `<a href="tel:${escapeHtml(p.phone.replace(/[^\d+]/g, ''))}">${escapeHtml(p.phone)}</a>` : '';
  const links = [...emails, phone].filter(Boolean).join(' · ');
  const attrs = cited ? ` id="L${p.lineStart}" class="contact cited" tabindex="-1"` : ` id="L${p.lineStart}" class="contact"`;
  return `<li${attrs}><strong>${escapeHtml(p.name)}</strong>${meta ? `<br>${meta}` : ''}${links ? `<br>${links}` : ''}</li>`;
}

/**
 * `GET /cases/:id`: the case with its facts, sections and contacts. The sentence `highlight.quote`
 * is put in <mark> and its paragraph (or the contact card it quotes, or the paragraph holding the
 * line `highlight.lineStart`) gets class "cited"; `/case.js` scrolls to the first mark (else the
 * first cited element). Each paragraph has `id="L<lineStart>"` for direct links.
 */
export function casePage(c: CaseView, highlight: Highlight): string {
  const quote = highlight.quote?.trim() || undefined;
  const line = highlight.lineStart;
  const isCited = (p: { lineStart: number; lineEnd: number; text: string }): boolean =>
    (quote !== undefined && paragraphHasQuote(p.text, quote)) || (line !== undefined && p.lineStart <= line && line <= p.lineEnd);

  let citedCount = 0;
  const sections = c.sections
    .map((s) => {
      const paragraphs = s.paragraphs
        .map((p) => {
          const cited = isCited(p);
          if (cited) citedCount += 1;
          const attrs = `id="L${p.lineStart}" data-line-start="${p.lineStart}" data-line-end="${p.lineEnd}"`;
          return cited ? `<p ${attrs} class="cited" tabindex="-1">${markedHtml(p.text, quote)}</p>` : `<p ${attrs}>${escapeHtml(p.text)}</p>`;
        })
        .join('\n');
      return `<section class="case-section">\n<h2>${escapeHtml(s.name)}</h2>\n${paragraphs}\n</section>`;
    })
    .join('\n');
  const cards = c.contacts.map((p) => {
    const cited = isCited({ lineStart: p.lineStart, lineEnd: p.lineEnd, text: p.written });
    if (cited) citedCount += 1;
    return contactHtml(p, cited);
  });

  const asked = quote !== undefined || line !== undefined;
  const status = !asked
    ? ''
    : citedCount > 0
      ? '<p class="status" role="status">Det citerede er markeret nedenfor.</p>'
      : '<p class="status missing" role="status">Det citerede uddrag blev ikke fundet ordret i casen.</p>';

  const facts: Array<[string, string | null]> = [
    ['Organisationer', c.organisations.length ? c.organisations.join(', ') : null],
    ['Indstillet af', c.nominator],
    ['Målgruppe', c.targetGroup],
    ['År', c.year],
    ['Dokument', c.document],
    ['Kilde', `${c.file}, ${sourceRange(c)}`],
  ];
  const factsHtml = facts
    .filter((f): f is [string, string] => f[1] !== null && f[1] !== '')
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  const contacts = cards.length
    ? `<section class="contacts" aria-labelledby="contacts-title">\n<h2 id="contacts-title">Kontaktpersoner</h2>\n<ul>${cards.join('')}</ul>\n</section>`
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
    (c) => (org === undefined || c.organisations.includes(org)) && (q === '' || normalise([c.title, c.document, ...c.organisations].join(' ')).includes(q)),
  );
}

/** Organisations shown in a list before the rest are counted ("A, B + 16 flere"). */
const ORG_CAP = 3;

/** A case's organisations for a list: all when few, else the first two and how many more. */
export function shortOrgList(orgs: string[]): string {
  return orgs.length <= ORG_CAP ? orgs.join(', ') : `${orgs.slice(0, ORG_CAP - 1).join(', ')} + ${orgs.length - ORG_CAP + 1} flere`;
}

/** `GET /cases`: all cases, filtered server-side by the GET form's organisation and text. */
export function casesPage(list: CaseListItem[], filter: CaseFilter): string {
  const shown = filterCases(list, filter);
  const orgs = [...new Set(list.flatMap((c) => c.organisations))].sort((a, b) => a.localeCompare(b, 'da'));
  const options = orgs.map((o) => `<option value="${escapeHtml(o)}"${o === filter.org ? ' selected' : ''}>${escapeHtml(o)}</option>`).join('');
  const items = shown
    .map(
      (c) => `<li><a href="/cases/${encodeURIComponent(c.id)}">${escapeHtml(c.title)}</a>
<span class="meta">${escapeHtml([shortOrgList(c.organisations), c.year, c.document].filter(Boolean).join(' · '))}</span></li>`,
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

/** What the widget demo's form sets: the options of the snippet and the preview. */
export interface WidgetDemoOptions {
  title: string;
  color: string;
  position: 'bottom-right' | 'bottom-left';
  examples: string[];
}

/** The demo's starting options (the widget's own defaults, with two example questions). */
export const WIDGET_DEMO_DEFAULTS: WidgetDemoOptions = {
  title: 'Spørg om innovationscases',
  color: '#1f5f8b',
  position: 'bottom-right',
  examples: ['Hvordan hjælper man hjemløse unge?', 'Hvem kan jeg kontakte om Hjem til Alle?'],
};

/** The snippet's option lines, in order: attribute, the form field it comes from, and its value. */
function snippetOptions(o: WidgetDemoOptions): Array<[string, string, string]> {
  return [
    ['data-title', 'title', o.title],
    ['data-color', 'color', o.color],
    ['data-position', 'position', o.position],
    ['data-lang', '', 'da'],
    ['data-examples', 'examples', o.examples.join('|')],
  ];
}

/** An attribute value as it is written inside double quotes in HTML. */
const attributeText = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The embed snippet for a site, pointing at `origin`, as text (escape it to show it). */
export function widgetSnippet(origin: string, o: WidgetDemoOptions = WIDGET_DEMO_DEFAULTS): string {
  const lines = snippetOptions(o).map(([attr, , value]) => `\n  ${attr}="${attributeText(value)}"`);
  return `<script src="${origin}/widget.js" defer${lines.join('')}></script>`;
}

/**
 * The snippet as HTML: the same text as `widgetSnippet`, with each value the form sets in a
 * `<span data-option>` that /widget-demo.js rewrites as the form changes.
 */
function snippetHtml(origin: string, o: WidgetDemoOptions): string {
  const lines = snippetOptions(o).map(([attr, field, value]) => {
    const text = escapeHtml(attributeText(value));
    return `\n  ${attr}="${field ? `<span data-option="${field}">${text}</span>` : text}"`;
  });
  return `${escapeHtml(`<script src="${origin}/widget.js" defer`)}${lines.join('')}${escapeHtml('></script>')}`;
}

/**
 * `GET /widget-demo`: the snippet to copy (with a copy button), how to allow a site's origin
 * (ALLOWED_ORIGINS), a form for the options that updates the snippet and the floating widget on
 * the page (the live preview; without JavaScript the form reloads the page with them), and every option.
 */
export function widgetDemoPage(origin: string, o: WidgetDemoOptions = WIDGET_DEMO_DEFAULTS): string {
  const options: Array<[string, string]> = [
    ['data-title', 'Overskrift i chatpanelet.'],
    ['data-greeting', 'Første besked i chatten.'],
    ['data-color', 'Accentfarve (standard #1f5f8b, som har god kontrast til hvid tekst); en lys farve får mørk tekst.'],
    ['data-position', 'bottom-right (standard) eller bottom-left.'],
    ['data-open', '"true" åbner chatten, når siden indlæses.'],
    ['data-lang', 'da (standard) eller en – sproget i knapper og beskeder.'],
    ['data-examples', 'Eksempler på spørgsmål, adskilt af |.'],
  ];
  const rows = options.map(([k, v]) => `<tr><th scope="row"><code>${escapeHtml(k)}</code></th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const positions = [
    ['bottom-right', 'Nederst til højre'],
    ['bottom-left', 'Nederst til venstre'],
  ]
    .map(([v, label]) => `<option value="${v}"${v === o.position ? ' selected' : ''}>${label}</option>`)
    .join('');
  const main = `<h1>Chatten på jeres eget site</h1>
<p>Indsæt dette i jeres side, lige før <code>&lt;/body&gt;</code>. Chatten vises som en knap nederst på siden.</p>
<div class="snippet-box">
<pre class="snippet" id="snippet"><code>${snippetHtml(origin, o)}</code></pre>
<button type="button" class="copy" id="copy" hidden>Kopiér koden</button><span class="copied" id="copied" role="status"></span>
</div>
<h2>Godkend jeres domæne</h2>
<p>Chatten svarer kun på sider fra de domæner, casechat-serveren kender. Bed den, der driver serveren, om at
tilføje jeres sides origin – protokol, værtsnavn og eventuel port, uden sti – til miljøvariablen
<code>ALLOWED_ORIGINS</code>, adskilt af komma, og genstarte serveren. For eksempel:</p>
<pre><code>ALLOWED_ORIGINS=https://intra.kommune.dk,https://intranet.kommune.dk:8443</code></pre>
<p>Fra en side, der ikke står på listen, svarer chatten «Chatten er ikke tilgængelig fra denne side.»</p>
<h2>Prøv indstillingerne</h2>
<p>Vælg, og se chatten nederst på denne side og koden ovenfor ændre sig med det samme.</p>
<form class="demo-form" id="demo-form" method="get" action="/widget-demo">
<label for="demo-title">Overskrift</label>
<input id="demo-title" name="title" maxlength="80" value="${escapeHtml(o.title)}">
<label for="demo-color">Farve</label>
<input id="demo-color" name="color" type="color" value="${escapeHtml(o.color)}">
<label for="demo-position">Placering</label>
<select id="demo-position" name="position">${positions}</select>
<label for="demo-examples">Eksempler (ét pr. linje)</label>
<textarea id="demo-examples" name="examples" rows="3" maxlength="600">${escapeHtml(o.examples.join('\n'))}</textarea>
<p class="actions"><button type="submit" class="copy">Vis</button></p>
</form>
<h2>Alle indstillinger</h2>
<div class="table-scroll"><table class="options">
<thead><tr><th scope="col">Attribut</th><th scope="col">Betydning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<casechat-chat mode="floating" id="preview" data-title="${escapeHtml(o.title)}" data-color="${escapeHtml(o.color)}" data-position="${o.position}" data-lang="da" data-examples="${escapeHtml(o.examples.join('|'))}"></casechat-chat>`;
  return layout('Widget – casechat', main, [scriptTag('/widget.js'), scriptTag('/widget-demo.js')]);
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
