/**
 * The admin page (/admin): asks for the admin token once and keeps it in sessionStorage only (gone
 * when the tab closes), reads GET /api/admin/analytics for a period and draws the figures: small
 * charts as inline SVG and tables with a link to each case. Text goes in through textContent; no
 * inline script or style, so the page's strict CSP holds.
 */
(() => {
  'use strict';

  const TOKEN_KEY = 'casechat:admin-token';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  /** Days shown when the page opens: the last 30, today included (as the API's default). */
  const DEFAULT_DAYS = 30;
  const DAY_MS = 86400000;

  /** The answer types as people read them. */
  const ANSWER_TYPES = {
    topic: 'Emne',
    person: 'Kontakt',
    organisations: 'Partnere',
    money: 'Økonomi',
    quantity: 'Antal',
    percentage: 'Andel',
    date: 'Tidspunkt',
    duration: 'Varighed',
    frequency: 'Hyppighed',
    place: 'Sted',
    name: 'Navn',
    reason: 'Baggrund',
    result: 'Resultat',
    method: 'Fremgangsmåde',
    overview: 'Overblik',
    detail: 'Detalje',
  };

  /** What an error code of the API means here. */
  const ERRORS = {
    ADMIN_DISABLED: 'Admin-API’et er slået fra: serveren har ingen ADMIN_TOKEN.',
    STORE_UNAVAILABLE: 'Databasen svarer ikke lige nu. Prøv igen om lidt.',
    BAD_REQUEST: 'Perioden er ugyldig: «fra» skal ligge før «til».',
    RATE_LIMITED: 'For mange forespørgsler. Vent lidt, og prøv igen.',
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    login: $('login'),
    token: $('token'),
    status: $('status'),
    report: $('report'),
    period: $('period'),
    from: $('from'),
    to: $('to'),
    figures: $('figures'),
    csv: $('csv'),
    logout: $('logout'),
  };

  /** An element with attributes (`text` sets textContent) and children; strings become text nodes. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  /** The same for SVG elements. */
  function s(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
  const number = (n) => new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 }).format(n);
  const percent = (part, whole) => (whole ? Math.round((100 * part) / whole) + ' %' : '–');
  const token = () => window.sessionStorage.getItem(TOKEN_KEY);

  function showLogin(message) {
    ui.report.hidden = true;
    ui.login.hidden = false;
    ui.status.textContent = message || '';
    ui.token.value = '';
    ui.token.focus();
  }

  /** GETs an admin path with the token; null (and a message) when it is refused. */
  async function request(path) {
    let res;
    try {
      res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store', credentials: 'same-origin' });
    } catch (_) {
      ui.status.textContent = 'Serveren kan ikke nås. Tjek forbindelsen, og prøv igen.';
      return null;
    }
    if (res.status === 401) {
      window.sessionStorage.removeItem(TOKEN_KEY);
      showLogin('Tokenet blev ikke godkendt. Skriv det igen.');
      return null;
    }
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      const code = body?.error?.code;
      ui.status.textContent = ERRORS[code] || 'Tallene kunne ikke hentes (' + res.status + ').';
      return null;
    }
    return res;
  }

  const periodQuery = () => new URLSearchParams({ from: ui.from.value, to: ui.to.value }).toString();

  /** Loads the figures; a reply that is no report says so in the status line. */
  function show() {
    load().catch(() => {
      ui.status.textContent = 'Tallene kunne ikke læses. Prøv igen.';
    });
  }

  async function load() {
    ui.login.hidden = true;
    ui.report.hidden = false;
    ui.status.textContent = 'Henter tallene …';
    const res = await request('/api/admin/analytics?' + periodQuery());
    if (!res) return;
    const a = await res.json();
    ui.figures.replaceChildren(...render(a));
    ui.status.textContent = a.totals.questions + ' spørgsmål fra ' + a.period.from + ' til ' + a.period.to + '.';
  }

  /** A section with a heading, and `empty` said instead of the content when there is nothing. */
  function section(id, title, content, empty) {
    return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id, text: title }), content || h('p', { class: 'note', text: empty }));
  }

  /**
   * A table in a wrapper that scrolls sideways on a narrow screen, never the page. Columns whose
   * heading is in `short` (counts, dates) are never broken across lines.
   */
  function table(caption, head, rows, short = []) {
    if (!rows.length) return null;
    const cls = (i) => (short.includes(head[i]) ? 'short' : null);
    const t = h(
      'table',
      { class: 'data' },
      h('caption', { class: 'sr-only', text: caption }),
      h('thead', null, h('tr', null, ...head.map((x, i) => h('th', { scope: 'col', class: cls(i), text: x })))),
      h('tbody', null, ...rows.map((cells) => h('tr', null, ...cells.map((c, i) => h('td', { class: cls(i) }, c))))),
    );
    return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption + ', tabel' }, t);
  }

  const caseLink = (c) => h('a', { href: '/cases/' + encodeURIComponent(c.id), text: c.title || c.id + ' (findes ikke længere)' });

  /**
   * Questions per day as bars, the declined part of each day in another colour. The SVG stretches to
   * the width it gets (preserveAspectRatio none); its labels are HTML, so they read the same at
   * every width.
   */
  function perDayChart(perDay) {
    const n = perDay.length;
    const max = Math.max(1, ...perDay.map((d) => d.questions));
    const y = (v) => 100 - (100 * v) / max;
    const total = perDay.reduce((sum, d) => sum + d.questions, 0);
    const busiest = perDay.reduce((b, d) => (d.questions > b.questions ? d : b), perDay[0]);
    const label = 'Spørgsmål pr. dag: ' + total + ' i alt' + (total ? ', flest ' + busiest.questions + ' den ' + busiest.day : '') + '.';
    const chart = s(
      'svg',
      { viewBox: '0 0 ' + n + ' 100', preserveAspectRatio: 'none', class: 'chart days', role: 'img', 'aria-label': label },
      s('title', { text: label }),
    );
    perDay.forEach((d, i) => {
      const tip = d.day + ': ' + d.questions + ' spørgsmål, ' + d.declined + ' uden svar';
      for (const [value, cls] of [
        [d.questions, 'bar'],
        [d.declined, 'bar declined'],
      ]) {
        if (value) chart.append(s('rect', { x: i + 0.15, width: 0.7, y: y(value), height: 100 - y(value), class: cls }, s('title', { text: tip })));
      }
    });
    const axis = h(
      'p',
      { class: 'axis' },
      h('span', { text: perDay[0].day }),
      h('span', { text: 'højeste søjle: ' + max }),
      h('span', { text: perDay[n - 1].day }),
    );
    const legend = h('p', { class: 'legend' }, h('span', { class: 'key' }), ' spørgsmål ', h('span', { class: 'key declined' }), ' heraf uden svar');
    return h('div', null, chart, axis, legend);
  }

  /** Labelled bars, one row per item: the label and the value are HTML, the bar a stretched SVG. */
  function barRows(label, items, unit) {
    if (!items.length) return null;
    const max = Math.max(...items.map((i) => i.value)) || 1;
    const rows = h('div', {
      class: 'chart bars',
      role: 'img',
      'aria-label': label + ': ' + items.map((i) => i.label + ' ' + number(i.value) + unit).join(', '),
    });
    for (const item of items) {
      const bar = s(
        'svg',
        { viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
        s('rect', { width: Math.max(1, (100 * item.value) / max), height: 10, class: 'bar' }),
      );
      rows.append(h('span', { class: 'label', text: item.label }), bar, h('span', { class: 'value', text: number(item.value) + unit }));
    }
    return rows;
  }

  /** The figures of one period, as the nodes of #figures. */
  function render(a) {
    const t = a.totals;
    const totals = h(
      'dl',
      { class: 'totals' },
      ...[
        ['Spørgsmål', number(t.questions)],
        ['Samtaler', number(t.conversations)],
        ['Uden svar', number(t.declined) + ' (' + percent(t.declined, t.questions) + ')'],
        ['Opfølgende', number(t.followUps)],
        ['Tommel op', number(t.thumbsUp)],
        ['Tommel ned', number(t.thumbsDown)],
      ].map(([k, v]) => h('div', null, h('dt', { text: k }), h('dd', { text: v }))),
    );
    const latency = a.latencyMs
      ? barRows(
          'Svartider',
          ['p50', 'p90', 'p95', 'p99', 'max'].map((k) => ({ label: k === 'max' ? 'længste' : k, value: a.latencyMs[k] })),
          ' ms',
        )
      : null;
    const gaps = table(
      'Huller i samlingen',
      ['Spørgsmål', 'Antal', 'Senest'],
      a.gaps.map((g) => [
        h('div', null, g.question, g.examples.length > 1 ? h('div', { class: 'note', text: 'Også: ' + g.examples.slice(1).join(' · ') }) : null),
        String(g.count),
        dayOf(Date.parse(g.lastAskedAt)),
      ]),
      ['Antal', 'Senest'],
    );
    const down = table(
      'Svar med tommelfinger ned',
      ['Spørgsmål', 'Svar', 'Kommentar', 'Cases'],
      a.thumbsDown.map((d) => [
        h('div', null, d.question, h('div', { class: 'note', text: dayOf(Date.parse(d.askedAt)) })),
        h('details', null, h('summary', { text: d.answer.length > 90 ? d.answer.slice(0, 90) + ' …' : d.answer }), h('p', { class: 'answer', text: d.answer })),
        d.comment || '–',
        d.cases.length ? h('ul', { class: 'plain' }, ...d.cases.map((c) => h('li', null, caseLink(c)))) : '–',
      ]),
    );
    const cases = table(
      'Mest citerede cases',
      ['Case', 'Spørgsmål'],
      a.topCases.map((c) => [caseLink(c), String(c.questions)]),
      ['Spørgsmål'],
    );
    return [
      totals,
      section('per-day', 'Spørgsmål pr. dag', perDayChart(a.perDay)),
      h(
        'div',
        { class: 'pair' },
        section(
          'types',
          'Svartyper',
          barRows(
            'Svartyper',
            a.answerTypes.map((x) => ({ label: ANSWER_TYPES[x.answerType] || x.answerType, value: x.questions })),
            '',
          ),
          'Ingen spørgsmål i perioden.',
        ),
        section('latency', 'Svartider', latency, 'Ingen spørgsmål i perioden.'),
      ),
      section('gaps', 'Huller i samlingen: spørgsmål uden svar', gaps, 'Alle spørgsmål i perioden fik et svar.'),
      section('down', 'Svar med tommelfinger ned', down, 'Ingen svar fik tommelfinger ned i perioden.'),
      section('cases', 'Mest citerede cases', cases, 'Ingen cases blev citeret i perioden.'),
    ];
  }

  async function downloadCsv() {
    const res = await request('/api/admin/analytics.csv?' + periodQuery());
    if (!res) return;
    const url = URL.createObjectURL(await res.blob());
    const link = h('a', { href: url, download: 'casechat-spoergsmaal-' + ui.from.value + '-' + ui.to.value + '.csv', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  const today = Date.now();
  ui.to.value = dayOf(today);
  ui.from.value = dayOf(today - (DEFAULT_DAYS - 1) * DAY_MS);

  ui.login.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = ui.token.value.trim();
    if (!value) return;
    window.sessionStorage.setItem(TOKEN_KEY, value);
    show();
  });
  ui.period.addEventListener('submit', (e) => {
    e.preventDefault();
    show();
  });
  ui.csv.addEventListener('click', downloadCsv);
  ui.logout.addEventListener('click', () => {
    window.sessionStorage.removeItem(TOKEN_KEY);
    ui.figures.replaceChildren();
    showLogin('Du er logget ud.');
  });

  if (token()) show();
  else showLogin('');
})();
