/**
 * casechat widget: the `<casechat-chat>` custom element, floating or inline (see README for the embed
 * snippet). Dependency-free ES2020; text via textContent, styles via a constructable stylesheet (CSP-safe).
 */
(() => {
  'use strict';

  const TAG = 'casechat-chat';
  // `currentScript` is only set while this file runs synchronously, so capture it first.
  const SCRIPT = document.currentScript;
  if (!window.customElements || window.customElements.get(TAG)) return;

  /** data-* keys read from the script tag (and from the element itself). */
  const OPTION_KEYS = ['title', 'greeting', 'color', 'position', 'open', 'lang', 'examples'];

  /**
   * Defaults for every option.
   * - mode: 'floating' (launcher + panel); 'inline' renders in place.
   * - position: 'bottom-right' | 'bottom-left' (floating only).
   * - color: '#1f5f8b' — 6.9:1 contrast with white text (WCAG AA).
   * - lang: 'da' | 'en' for interface texts.
   * - open: false — the floating panel starts closed.
   * - examples: [] — example questions, `|`-separated in data-examples.
   * - api: null — the origin of the script's src (floating) or the page's origin (inline).
   */
  const DEFAULT_OPTIONS = {
    mode: 'floating',
    position: 'bottom-right',
    color: '#1f5f8b',
    lang: 'da',
    open: false,
    title: null,
    greeting: null,
    examples: [],
    api: null,
  };

  /** A thumb (up; the thumbs-down button turns it). */
  const THUMB = 'M2 10h4v11H2zm6 11V10l4-7c1.4 0 2.4 1.1 2 2.6L13 9h6.5c1.2 0 2.1 1.1 1.9 2.3l-1.4 7.8c-.2 1.1-1.1 1.9-2.2 1.9z';

  const STORAGE_VERSION = 1;
  /** Turns kept in sessionStorage; older ones are dropped so the quota is never hit. */
  const MAX_STORED_TURNS = 40;

  const TEXTS = {
    da: {
      title: 'Spørg om innovationscases',
      greeting: 'Hej! Spørg mig om offentlige innovationscases – hvad der er gjort, hvordan, og hvem du kan kontakte.',
      close: 'Luk chat',
      launcher: 'Spørg',
      newChat: 'Ny samtale',
      send: 'Send',
      inputLabel: 'Dit spørgsmål',
      placeholder: 'Skriv dit spørgsmål …',
      examples: 'Eksempler på spørgsmål',
      conversation: 'Samtale',
      you: 'Du spurgte',
      bot: 'Svar',
      thinking: 'Finder svar …',
      sources: 'Kilder',
      contacts: 'Kontaktpersoner',
      openCase: 'Åbn casen',
      newWindow: '(åbner i nyt vindue)',
      source: 'Kilde',
      about: 'Om',
      email: 'E-mail',
      repaired: 'E-mailadressen er rettet fra en beskadiget tekst; tjek den før brug.',
      phone: 'Telefon',
      answerReady: 'Nyt svar:',
      rate: 'Var svaret nyttigt?',
      up: 'Godt svar',
      down: 'Dårligt svar',
      why: 'Hvad manglede? (valgfrit)',
      thanks: 'Tak for din vurdering.',
      more: (n) => '+ ' + n + ' flere',
      errors: {
        ORIGIN_NOT_ALLOWED: 'Chatten er ikke tilgængelig fra denne side.',
        RATE_LIMITED: 'Der er stillet mange spørgsmål på kort tid. Vent lidt, og prøv igen.',
        BAD_REQUEST: 'Spørgsmålet kunne ikke behandles. Prøv at skrive det på en anden måde.',
        NETWORK: 'Chatten kan ikke kontaktes lige nu. Tjek din forbindelse, og prøv igen.',
        INTERRUPTED: 'Svaret blev afbrudt. Stil gerne spørgsmålet igen.',
        DEFAULT: 'Der skete en fejl, så spørgsmålet ikke kunne besvares. Prøv igen om lidt.',
      },
    },
    en: {
      title: 'Ask about innovation cases',
      greeting: 'Hi! Ask me about public-sector innovation cases – what was done, how, and whom to contact.',
      close: 'Close chat',
      launcher: 'Ask',
      newChat: 'New chat',
      send: 'Send',
      inputLabel: 'Your question',
      placeholder: 'Type your question …',
      examples: 'Example questions',
      conversation: 'Conversation',
      you: 'You asked',
      bot: 'Answer',
      thinking: 'Finding an answer …',
      sources: 'Sources',
      contacts: 'Contacts',
      openCase: 'Open the case',
      newWindow: '(opens in a new window)',
      source: 'Source',
      about: 'About',
      email: 'Email',
      repaired: 'The email address was repaired from damaged text; check it before use.',
      phone: 'Phone',
      answerReady: 'New answer:',
      rate: 'Was the answer useful?',
      up: 'Good answer',
      down: 'Bad answer',
      why: 'What was missing? (optional)',
      thanks: 'Thank you for your rating.',
      more: (n) => '+ ' + n + ' more',
      errors: {
        ORIGIN_NOT_ALLOWED: 'The chat is not available from this page.',
        RATE_LIMITED: 'Many questions were asked in a short time. Please wait a moment and try again.',
        BAD_REQUEST: 'The question could not be handled. Try phrasing it differently.',
        NETWORK: 'The chat cannot be reached right now. Check your connection and try again.',
        INTERRUPTED: 'The answer was interrupted. Please ask again.',
        DEFAULT: 'Something went wrong and the question could not be answered. Please try again later.',
      },
    },
  };

  const STYLES = `
:host { all: initial !important; display: block !important; }
:host([mode="inline"]) { height: var(--casechat-height, 640px) !important; max-width: 100% !important; }
:host([mode="floating"]) {
  position: fixed !important; z-index: 2147483000 !important;
  bottom: 20px !important; right: 20px !important; left: auto !important; top: auto !important;
  width: auto !important; height: auto !important; margin: 0 !important;
}
:host([mode="floating"][data-position="bottom-left"]) { left: 20px !important; right: auto !important; }
[hidden] { display: none !important; }
.root {
  --cc-accent: #1f5f8b; --cc-on-accent: #ffffff; --cc-link: #1f5f8b;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b1f23; text-align: left; box-sizing: border-box; height: 100%;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
button { font: inherit; cursor: pointer; }
button:focus-visible, a:focus-visible, textarea:focus-visible, .log:focus-visible {
  outline: 3px solid #f2b01e; outline-offset: 2px;
}
.launcher {
  display: flex; align-items: center; gap: 8px; height: 56px; padding: 0 20px 0 16px;
  border: 0; border-radius: 28px; background: var(--cc-accent); color: var(--cc-on-accent);
  font-size: 16px; font-weight: 600; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
}
.launcher svg { width: 24px; height: 24px; fill: currentColor; }
.panel {
  display: flex; flex-direction: column; background: #ffffff; overflow: hidden;
  border: 1px solid #c9d1d9; border-radius: 12px;
}
.floating .panel {
  position: fixed; bottom: 88px; right: 20px; width: 400px;
  height: min(640px, calc(100vh - 110px)); box-shadow: 0 8px 30px rgba(0, 0, 0, 0.25);
}
.floating.left .panel { right: auto; left: 20px; }
.inline .panel { height: 100%; }
.head {
  display: flex; align-items: center; gap: 8px; padding: 10px 12px;
  background: var(--cc-accent); color: var(--cc-on-accent);
}
.head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 700; line-height: 1.3; }
.head button {
  background: transparent; color: inherit; border: 1px solid currentColor; border-radius: 6px;
  padding: 4px 10px; font-size: 13px;
}
.head .close { border: 0; font-size: 22px; line-height: 1; padding: 2px 8px; }
.log {
  flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 12px;
  background: #f6f8fa; position: relative; overflow-anchor: none;
}
.msg { margin: 0; padding: 10px 12px; border-radius: 10px; max-width: 92%; overflow-wrap: anywhere; }
.msg p { margin: 0 0 6px; }
.msg p:last-child { margin-bottom: 0; }
.msg ul { margin: 4px 0 6px; padding-left: 20px; }
.user { align-self: flex-end; background: var(--cc-accent); color: var(--cc-on-accent); white-space: pre-wrap; }
.bot { align-self: flex-start; background: #ffffff; border: 1px solid #d8dee4; }
.who { display: block; font-size: 12px; font-weight: 600; color: #57606a; margin-bottom: 4px; }
.user .who { color: inherit; opacity: 0.9; }
.bot a, .card a { color: var(--cc-link); }
a.cite { font-weight: 700; text-decoration: none; padding: 0 1px; }
a.cite:hover { text-decoration: underline; }
.thinking { color: #57606a; font-style: italic; }
.notice { background: #fff8c5; border-left: 4px solid #bf8700; padding: 6px 8px; border-radius: 4px; }
.error { background: #ffebe9; color: #82071e; border-left: 4px solid #cf222e; padding: 6px 8px; border-radius: 4px; }
.group { margin-top: 10px; }
.group h3 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; color: #57606a; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.card { border: 1px solid #d8dee4; border-radius: 8px; padding: 8px 10px; background: #fbfcfd; font-size: 14px; }
.card .t { font-weight: 700; }
.card .meta { color: #57606a; font-size: 13px; margin: 2px 0 0; }
.card blockquote { margin: 6px 0 0; padding: 2px 0 2px 8px; border-left: 3px solid var(--cc-accent); font-style: italic; color: #32383f; }
.card .links { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 4px; }
.card details.meta summary { cursor: pointer; }
.card details.meta[open] summary { margin-bottom: 2px; }
.examples { display: flex; flex-wrap: wrap; gap: 6px; }
.examples button {
  background: #ffffff; color: var(--cc-link); border: 1px solid var(--cc-link); border-radius: 16px;
  padding: 5px 12px; font-size: 14px; text-align: left;
}
.examples button:hover { background: #eef4f8; }
.ask { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d8dee4; background: #ffffff; margin: 0; }
.ask textarea {
  flex: 1; min-width: 0; font: inherit; color: inherit; resize: none; height: 44px;
  padding: 10px; border: 1px solid #6e7781; border-radius: 8px; background: #ffffff;
}
.ask button {
  border: 0; border-radius: 8px; padding: 0 16px; background: var(--cc-accent); color: var(--cc-on-accent); font-weight: 600;
}
.ask button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
.rate, .why { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.rate button { border: 1px solid #d8dee4; border-radius: 6px; padding: 3px 8px; background: #fff; color: #57606a; }
.rate svg { width: 18px; height: 18px; fill: currentColor; }
.rate button + button svg { transform: rotate(180deg); }
.rate [aria-pressed="true"] { background: #eef4f8; border-color: var(--cc-accent); }
.why { flex-basis: 100%; margin: 0; }
.why input { flex: 1; font: inherit; padding: 4px; }
@media (max-width: 480px) {
  .floating .panel, .floating.left .panel {
    top: 0; right: 0; bottom: 0; left: 0; width: auto; height: auto; border-radius: 0; border: 0;
  }
}
@media (prefers-reduced-motion: no-preference) {
  .thinking { animation: cc-pulse 1.2s ease-in-out infinite; }
  @keyframes cc-pulse { 50% { opacity: 0.45; } }
}
`;

  /** One shared sheet for every instance; null where constructable sheets are missing. */
  let sharedSheet = null;
  function styleSheet() {
    if (sharedSheet === null && 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(STYLES);
    }
    return sharedSheet;
  }

  /**
   * createElement with attributes and children. `text` sets textContent; other keys are
   * attributes (null/false skipped). Strings among children become text nodes, never markup.
   */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const key of Object.keys(attrs)) {
        const value = attrs[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === 'text') node.textContent = String(value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** An icon (default: the launcher's speech bubble) built with DOM calls. */
  function icon(d = 'M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z') {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    svg.append(path);
    return svg;
  }

  /**
   * Options from the element's data-* attributes, resolved once against DEFAULT_OPTIONS.
   */
  function resolveOptions(el) {
    const d = el.dataset;
    const lang = d.lang === 'en' ? 'en' : DEFAULT_OPTIONS.lang;
    const mode = el.getAttribute('mode') === 'inline' ? 'inline' : DEFAULT_OPTIONS.mode;
    return {
      mode,
      lang,
      position: d.position === 'bottom-left' ? 'bottom-left' : DEFAULT_OPTIONS.position,
      color: d.color && supportsColor(d.color) ? d.color : DEFAULT_OPTIONS.color,
      open: d.open === 'true',
      title: d.title || TEXTS[lang].title,
      greeting: d.greeting || TEXTS[lang].greeting,
      examples: (d.examples || '')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
      api: (d.api || location.origin).replace(/\/+$/, ''),
    };
  }

  function supportsColor(value) {
    return typeof CSS !== 'undefined' && CSS.supports('color', value);
  }

  /** WCAG relative luminance of an `rgb(r, g, b)` string; null when it does not parse. */
  function luminance(rgb) {
    const m = /rgba?\((\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)/.exec(rgb);
    if (!m) return null;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  /** Parses one Server-Sent Events block (`event:`/`data:` lines) into {event, data}. */
  function parseSseBlock(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return null;
    return { event, data: JSON.parse(data.join('\n')) };
  }

  /**
   * Reads an SSE response body and calls onEvents with the events of each network chunk,
   * so a chunk carrying many deltas is rendered once.
   */
  async function readSse(body, onEvents) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A lone \r at the end may be half of \r\n: keep it until the next chunk.
      const cut = !done && buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
      const ready = buffer.slice(0, cut).replace(/\r\n?/g, '\n');
      const blocks = ready.split('\n\n');
      const rest = done ? '' : blocks.pop() || '';
      buffer = rest + buffer.slice(cut);
      const events = blocks.map(parseSseBlock).filter(Boolean);
      if (events.length) onEvents(events);
      if (done) return;
    }
  }

  /** What each SSE event does to the assistant turn being streamed (dispatch table). */
  const SSE_HANDLERS = {
    meta(chat, turn, data) {
      if (data.conversationId) chat.state.conversationId = data.conversationId;
      turn.notice = data.notice || null;
    },
    delta(_chat, turn, data) {
      turn.text += typeof data.text === 'string' ? data.text : '';
    },
    citations(_chat, turn, data) {
      turn.citations = Array.isArray(data.citations) ? data.citations : [];
    },
    cases(_chat, turn, data) {
      turn.cases = Array.isArray(data.cases) ? data.cases : [];
    },
    done(chat, turn, data) {
      if (data.conversationId) chat.state.conversationId = data.conversationId;
      turn.answerId = data.answerId;
      if (typeof data.answer === 'string') turn.text = data.answer;
      if (Array.isArray(data.citations)) turn.citations = data.citations;
      if (Array.isArray(data.cases)) turn.cases = data.cases;
      if (data.notice !== undefined) turn.notice = data.notice || null;
      turn.pending = false;
    },
    error(_chat, turn, data) {
      turn.error = data.error?.code || 'DEFAULT';
      turn.pending = false;
    },
  };

  class CasechatChat extends HTMLElement {
    constructor() {
      super();
      this._opts = null;
      this._ui = null;
      this._busy = false;
      /** Whether the streaming answer is scrolled into place as it grows (see `_showLatest`). */
      this._follow = false;
      this._scrolledTo = 0;
      /** @type {AbortController|null} */
      this._abort = null;
      this.state = { conversationId: null, turns: [], open: false };
    }

    connectedCallback() {
      if (this._ui) return;
      this._opts = resolveOptions(this);
      this._t = TEXTS[this._opts.lang];
      this._storageKey = 'casechat:' + this._opts.api;
      this.state = this._load();
      this._build();
      this._render();
      const startOpen = this._opts.mode === 'inline' || this._opts.open || this.state.open;
      this._setOpen(startOpen, false);
      this._showLatest();
    }

    /** Builds the shadow root once: launcher (floating only), panel, log, examples and form. */
    _build() {
      const o = this._opts;
      const t = this._t;
      const floating = o.mode === 'floating';
      const shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
      const sheet = styleSheet();
      if (sheet) shadow.adoptedStyleSheets = [sheet];
      else shadow.append(h('style', { text: STYLES }));

      const root = h('div', {
        class: 'root ' + o.mode + (o.position === 'bottom-left' ? ' left' : ''),
        lang: o.lang,
      });
      const launcher = floating
        ? h(
            'button',
            { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'cc-panel', 'aria-haspopup': 'dialog' },
            icon(),
            h('span', { text: t.launcher }),
            h('span', { class: 'sr', text: ' – ' + o.title }),
          )
        : null;
      const heading = h('h2', { id: 'cc-title', text: o.title });
      const reset = h('button', { type: 'button', class: 'reset', text: t.newChat });
      const close = floating ? h('button', { type: 'button', class: 'close', 'aria-label': t.close, text: '×' }) : null;
      const log = h('div', { class: 'log', role: 'region', 'aria-label': t.conversation, tabindex: '0' });
      const live = h('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
      const input = h('textarea', { id: 'cc-input', rows: '1', placeholder: t.placeholder, autocomplete: 'off', maxlength: '1000' });
      const send = h('button', { type: 'submit', class: 'send', text: t.send });
      const form = h('form', { class: 'ask', novalidate: true }, h('label', { for: 'cc-input', class: 'sr', text: t.inputLabel }), input, send);
      const panel = h(
        'section',
        floating
          ? { id: 'cc-panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'cc-title' }
          : { id: 'cc-panel', class: 'panel', role: 'region', 'aria-labelledby': 'cc-title' },
        h('div', { class: 'head' }, heading, reset, close),
        log,
        form,
        live,
      );
      root.append(panel);
      if (launcher) root.append(launcher);
      shadow.append(root);
      this._ui = { root, launcher, panel, log, live, input, send, form, reset, close };
      this._applyColor(o.color);

      if (launcher) launcher.addEventListener('click', () => this._setOpen(!this.state.open, true));
      if (close) close.addEventListener('click', () => this._setOpen(false, true));
      reset.addEventListener('click', () => this.reset());
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        void this.ask(input.value);
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          void this.ask(input.value);
        }
      });
      panel.addEventListener('keydown', (e) => this._onPanelKey(e));
      log.addEventListener('scroll', () => this._onLogScroll(), { passive: true });
    }

    /** Accent colour on the root (CSSOM, CSP-safe) and a text colour that stays readable on it. */
    _applyColor(color) {
      const root = this._ui.root;
      root.style.setProperty('--cc-accent', color);
      const lum = luminance(getComputedStyle(this._ui.send).backgroundColor);
      if (lum === null) return;
      // Contrast with white is 1.05 / (L + 0.05); below 4.5 use near-black text instead.
      const whiteOk = 1.05 / (lum + 0.05) >= 4.5;
      root.style.setProperty('--cc-on-accent', whiteOk ? '#ffffff' : '#111111');
      root.style.setProperty('--cc-link', whiteOk ? color : '#1f5f8b');
    }

    _onPanelKey(e) {
      if (this._opts.mode !== 'floating' || !this.state.open) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        this._setOpen(false, true);
        return;
      }
      if (e.key !== 'Tab') return;
      const items = this._focusables();
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      const active = this.shadowRoot.activeElement;
      if (e.shiftKey && (active === first || !items.includes(active))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !items.includes(active))) {
        e.preventDefault();
        first.focus();
      }
    }

    /** Focusable, visible elements of the panel, in tab order. */
    _focusables() {
      const selector = 'button, a[href], textarea, input, [tabindex]:not([tabindex="-1"])';
      return Array.from(this._ui.panel.querySelectorAll(selector)).filter((el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0);
    }

    /**
     * Opens or closes the floating panel; `byUser` moves focus (input on open, launcher on close).
     * Inline mode is always open.
     */
    _setOpen(open, byUser) {
      const ui = this._ui;
      const isOpen = this._opts.mode === 'inline' ? true : Boolean(open);
      ui.panel.hidden = !isOpen;
      if (ui.launcher) ui.launcher.setAttribute('aria-expanded', String(isOpen));
      if (this._opts.mode === 'floating' && this.state.open !== isOpen) {
        this.state.open = isOpen;
        this._save();
      }
      if (!byUser) return;
      if (isOpen) {
        ui.input.focus();
        this._showLatest();
      } else if (ui.launcher) ui.launcher.focus();
    }

    /** Clears the conversation ("Ny samtale"): aborts a running answer, forgets the id and turns. */
    reset() {
      if (this._abort) this._abort.abort();
      this._abort = null;
      this._setBusy(false);
      this.state = { conversationId: null, turns: [], open: this.state.open };
      this._save();
      this._render();
      this._ui.live.textContent = '';
      this._ui.input.value = '';
      this._ui.input.focus();
    }

    /**
     * Sends a question to `POST {api}/api/ask/stream` and streams the answer into a new turn.
     */
    async ask(raw) {
      const question = String(raw || '').trim();
      if (!question || this._busy) return;
      const ui = this._ui;
      ui.input.value = '';
      const turn = { role: 'assistant', text: '', citations: [], cases: [], notice: null, error: null, pending: true };
      this.state.turns.push({ role: 'user', text: question }, turn);
      this._save();
      this._setBusy(true);
      this._render();
      // the new answer is followed until its first line reaches the top, unless the user scrolls away
      this._follow = true;
      this._showLatest();

      const abort = new AbortController();
      this._abort = abort;
      const body = { question };
      if (this.state.conversationId) body.conversationId = this.state.conversationId;
      let res = null;
      try {
        res = await fetch(this._opts.api + '/api/ask/stream', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
          body: JSON.stringify(body),
          credentials: 'omit',
          signal: abort.signal,
        });
        if (!res.ok || !res.body) {
          turn.error = await errorCode(res);
        } else {
          await readSse(res.body, (events) => {
            for (const { event, data } of events) {
              const handler = SSE_HANDLERS[event];
              if (handler && data && typeof data === 'object') handler(this, turn, data);
            }
            this._renderLastTurn();
          });
          if (turn.pending && !turn.error) turn.error = 'INTERRUPTED';
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof SyntaxError) turn.error = 'DEFAULT';
        else if (res) turn.error = turn.text ? 'INTERRUPTED' : 'NETWORK';
        else turn.error = await this._whyNoResponse();
      } finally {
        if (this._abort === abort) this._abort = null;
      }
      if (abort.signal.aborted) return;
      turn.pending = false;
      this._setBusy(false);
      this._save();
      this._renderLastTurn();
      this._follow = false;
      ui.live.textContent = turn.error ? this._errorText(turn.error) : this._t.answerReady + ' ' + turn.text.replace(/\*\*/g, '');
    }

    /**
     * A cross-origin request without any response failed in the network, or CORS refused this
     * page's origin (the browser hides the 403): a no-cors probe of the API tells which.
     */
    async _whyNoResponse() {
      if (new URL(this._opts.api).origin === location.origin) return 'NETWORK';
      try {
        await fetch(this._opts.api + '/widget.js', { method: 'HEAD', mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
        return 'ORIGIN_NOT_ALLOWED';
      } catch (_) {
        return 'NETWORK';
      }
    }

    _setBusy(busy) {
      this._busy = busy;
      this._ui.send.setAttribute('aria-disabled', String(busy));
    }

    _errorText(code) {
      const errors = this._t.errors;
      return errors[code] || errors.DEFAULT;
    }

    /** Re-renders the whole log: greeting, examples (while empty) and every turn. */
    _render() {
      const { log } = this._ui;
      const t = this._t;
      const nodes = [h('div', { class: 'msg bot' }, h('span', { class: 'who', text: t.bot }), h('p', { text: this._opts.greeting }))];
      if (this.state.turns.length === 0 && this._opts.examples.length > 0) {
        const group = h('div', { class: 'examples', role: 'group', 'aria-label': t.examples });
        for (const q of this._opts.examples) {
          const b = h('button', { type: 'button', text: q });
          b.addEventListener('click', () => this.ask(q));
          group.append(b);
        }
        nodes.push(group);
      }
      for (const turn of this.state.turns) nodes.push(this._renderTurn(turn));
      log.replaceChildren(...nodes);
    }

    /** Replaces the node of the last turn (the one streaming); a followed answer is scrolled into place. */
    _renderLastTurn() {
      const { log } = this._ui;
      const turn = this.state.turns[this.state.turns.length - 1];
      const last = log.lastElementChild;
      if (!turn || !last) return this._render();
      last.replaceWith(this._renderTurn(turn));
      if (this._follow) this._showLatest();
    }

    /**
     * Scrolls the log so the first line of the latest answer is at its top, or as near as the log
     * scrolls (an answer shorter than the log ends at the bottom). Remembers where, so that a scroll
     * by the user (reading further up) can be told from ours and ends the following.
     */
    _showLatest() {
      const log = this._ui.log;
      const answers = log.querySelectorAll('.answer');
      const latest = answers[answers.length - 1];
      if (!latest) return;
      log.scrollTop = Math.max(0, latest.offsetTop - 8);
      this._scrolledTo = log.scrollTop;
    }

    /** A scroll the widget did not make stops it from moving the log until the next question. */
    _onLogScroll() {
      if (this._follow && Math.abs(this._ui.log.scrollTop - this._scrolledTo) > 2) this._follow = false;
    }

    _renderTurn(turn) {
      const t = this._t;
      if (turn.role === 'user') {
        return h('div', { class: 'msg user' }, h('span', { class: 'who', text: t.you }), turn.text);
      }
      const bubble = h('div', { class: 'msg bot answer', 'aria-busy': turn.pending ? 'true' : 'false' }, h('span', { class: 'who', text: t.bot }));
      if (turn.notice) bubble.append(h('p', { class: 'notice', text: turn.notice }));
      const links = this._citationLinks(turn);
      if (turn.text) bubble.append(renderMarkdown(turn.text, links));
      else if (turn.pending) bubble.append(h('p', { class: 'thinking', text: t.thinking }));
      if (turn.error) bubble.append(h('p', { class: 'error', role: 'alert', text: this._errorText(turn.error) }));
      if (turn.citations.length) bubble.append(this._sourceCards(turn));
      const contacts = this._contactCards(turn);
      if (contacts) bubble.append(contacts);
      if (turn.answerId && !turn.pending && !turn.error) bubble.append(this._rating(turn));
      return bubble;
    }

    /** Thumbs up/down (aria-pressed) under an answer; after a thumbs down, a field for a short comment. */
    _rating(turn) {
      const t = this._t;
      const input = h('input', { maxlength: '1000', 'aria-label': t.why, placeholder: t.why });
      const why = h('form', { class: 'why', hidden: turn.rating !== 'down' || turn.commented }, input, h('button', { text: t.send }));
      const buttons = ['up', 'down'].map((r, down) => {
        const b = h('button', { type: 'button', 'aria-label': t[r], 'aria-pressed': String(turn.rating === r) }, icon(THUMB));
        b.addEventListener('click', () => {
          turn.rating = r;
          for (const x of buttons) x.setAttribute('aria-pressed', String(x === b));
          why.hidden = !down;
          this._rate(turn);
          if (down) input.focus();
        });
        return b;
      });
      why.addEventListener('submit', (e) => {
        e.preventDefault();
        turn.commented = why.hidden = true;
        this._rate(turn, input.value.trim());
      });
      return h('div', { class: 'rate', role: 'group', 'aria-label': t.rate }, ...buttons, why);
    }

    /** POST /api/feedback; the live region says whether it worked. */
    _rate(turn, comment) {
      this._save();
      const body = JSON.stringify({ answerId: turn.answerId, rating: turn.rating, comment });
      void fetch(this._opts.api + '/api/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, credentials: 'omit' })
        .then(
          (r) => r.ok,
          () => false,
        )
        .then((ok) => (this._ui.live.textContent = ok ? this._t.thanks : this._errorText()));
    }

    /** href of a citation: the case page with the quote, which the page highlights. */
    _citationHref(c) {
      return (
        this._opts.api +
        '/cases/' +
        encodeURIComponent(String(c.caseId)) +
        '?q=' +
        encodeURIComponent(String(c.quote || '')) +
        '#c' +
        encodeURIComponent(String(c.n))
      );
    }

    /** A factory of `[n]` links for the citations of a turn (unknown n → null, rendered as text). */
    _citationLinks(turn) {
      const byN = new Map(turn.citations.map((c) => [String(c.n), c]));
      return (n) => {
        const c = byN.get(n);
        if (!c) return null;
        return h('a', {
          class: 'cite',
          href: this._citationHref(c),
          target: '_blank',
          rel: 'noopener',
          'aria-label': this._t.source + ' ' + n + ': ' + (c.title || '') + ' ' + this._t.newWindow,
          text: '[' + n + ']',
        });
      };
    }

    /**
     * The sources: each cited case once, with its organisations (capped, see `orgLine`) and the
     * quotes the answer text does not already show (see `alreadyShown`), each with its [n] link.
     */
    _sourceCards(turn) {
      const t = this._t;
      const orgsById = new Map(turn.cases.map((c) => [c.id, c.organisations || []]));
      const byCase = new Map();
      for (const c of turn.citations) byCase.set(c.caseId, (byCase.get(c.caseId) || []).concat([c]));
      const list = h('ul', { class: 'cards sources' });
      for (const [caseId, cites] of byCase) {
        const first = cites[0];
        const card = h(
          'li',
          { class: 'card source' },
          h(
            'div',
            { class: 't' },
            cites.map((c) => '[' + c.n + '] ').join(''),
            h('a', { href: this._citationHref(first), target: '_blank', rel: 'noopener', text: first.title || t.openCase }),
          ),
          orgLine(orgsById.get(caseId) || [], t),
        );
        for (const c of cites) {
          if (!c.quote || alreadyShown(c.quote, turn.text)) continue;
          const link = h('a', { class: 'cite', href: this._citationHref(c), target: '_blank', rel: 'noopener', text: '[' + c.n + ']' });
          card.append(h('blockquote', null, link, ' “' + c.quote + '”'));
        }
        list.append(card);
      }
      return h('section', { class: 'group', 'aria-label': t.sources }, h('h3', { text: t.sources }), list);
    }

    /** Contact cards for the people of the cases whom the answer text does not already list. */
    _contactCards(turn) {
      const t = this._t;
      const seen = new Set();
      const list = h('ul', { class: 'cards contacts' });
      for (const kase of turn.cases) {
        for (const p of kase.contacts || []) {
          const emails = p.emails || (p.email ? [p.email] : []);
          const key = (p.name || '') + '|' + emails.join(',') + '|' + (p.phone || '');
          if (seen.has(key) || listedIn(turn.text, p.name, emails)) continue;
          seen.add(key);
          const links = h('div', { class: 'links' });
          for (const e of emails) links.append(h('a', { href: 'mailto:' + e, 'aria-label': t.email + ' ' + p.name + ': ' + e, text: e }));
          if (p.phone) {
            links.append(
              h('a', { href: 'tel:' + String(p.phone).replace(/[^\d+]/g, ''), 'aria-label': t.phone + ' ' + p.name + ': ' + p.phone, text: p.phone }),
            );
          }
          const org = p.org || null; // as written: a case's first organisation is not necessarily the person's
          list.append(
            h(
              'li',
              { class: 'card contact' },
              h('div', { class: 't', text: p.name }),
              p.role || org ? h('p', { class: 'meta', text: [p.role, org].filter(Boolean).join(', ') }) : null,
              kase.title ? h('p', { class: 'meta', text: t.about + ': ' + kase.title }) : null,
              links.childNodes.length ? links : null,
              p.emailRepaired ? h('p', { class: 'meta', text: t.repaired }) : null,
            ),
          );
        }
      }
      if (seen.size === 0) return null;
      return h('section', { class: 'group', 'aria-label': t.contacts }, h('h3', { text: t.contacts }), list);
    }

    /** Conversation from sessionStorage; unreadable or foreign data gives a fresh one. */
    _load() {
      const fresh = { conversationId: null, turns: [], open: false };
      try {
        const raw = window.sessionStorage.getItem(this._storageKey);
        const data = raw ? JSON.parse(raw) : null;
        if (!data || data.v !== STORAGE_VERSION || !Array.isArray(data.turns)) return fresh;
        const turns = data.turns.filter((x) => x && (x.role === 'user' || x.role === 'assistant')).map(normaliseTurn);
        return { conversationId: typeof data.conversationId === 'string' ? data.conversationId : null, turns, open: data.open === true };
      } catch (_) {
        return fresh;
      }
    }

    _save() {
      try {
        const turns = this.state.turns.slice(-MAX_STORED_TURNS);
        const data = { v: STORAGE_VERSION, conversationId: this.state.conversationId, open: this.state.open, turns };
        window.sessionStorage.setItem(this._storageKey, JSON.stringify(data));
      } catch (_) {
        // Storage can be full or disabled (private mode, sandboxed frames): the chat still works.
      }
    }
  }

  /** A stored turn made safe to render: a turn stored mid-stream becomes "interrupted". */
  function normaliseTurn(x) {
    if (x.role === 'user') return { role: 'user', text: String(x.text || '') };
    const turn = {
      role: 'assistant',
      text: String(x.text || ''),
      citations: Array.isArray(x.citations) ? x.citations : [],
      cases: Array.isArray(x.cases) ? x.cases : [],
      notice: typeof x.notice === 'string' ? x.notice : null,
      error: typeof x.error === 'string' ? x.error : null,
      pending: false,
      answerId: typeof x.answerId === 'string' ? x.answerId : null,
      rating: x.rating === 'up' || x.rating === 'down' ? x.rating : null,
      commented: x.commented === true,
    };
    if (x.pending && !turn.error) turn.error = 'INTERRUPTED';
    return turn;
  }

  /** The stable error code of a refused request: the JSON body's code, else one for the status. */
  async function errorCode(res) {
    try {
      const body = await res.json();
      if (body?.error && typeof body.error.code === 'string') return body.error.code;
    } catch (_) {
      // Not JSON (a proxy's HTML page): fall back to the status.
    }
    return res.status === 429 ? 'RATE_LIMITED' : 'DEFAULT';
  }

  /** Organisations shown in a card before the rest are folded away ("A, B + 16 flere"). */
  const ORG_CAP = 3;

  /** A case's organisations: all when few, else the first two and an expandable "+ N flere". */
  function orgLine(orgs, t) {
    if (orgs.length === 0) return null;
    if (orgs.length <= ORG_CAP) return h('p', { class: 'meta', text: orgs.join(', ') });
    const head = orgs.slice(0, ORG_CAP - 1).join(', ') + ' ' + t.more(orgs.length - ORG_CAP + 1);
    return h('details', { class: 'meta' }, h('summary', { text: head }), h('p', { text: orgs.join(', ') }));
  }

  /** Letters, digits and the characters of addresses: text compared whatever its spacing and marks. */
  function plain(text) {
    return String(text || '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}@.]+/gu, '');
  }

  /**
   * Whether the answer text already shows a quote: every line of it stands in the answer, whatever
   * the spacing and marks (answers are made of the sentences they cite, and list the contacts whose
   * lines they cite).
   */
  function alreadyShown(quote, text) {
    const body = plain(text);
    // an answer leaves out a line's list mark or number ("1. ", "- ")
    return String(quote)
      .split('\n')
      .map((line) => plain(line.replace(/^\s*(?:\d+\.|[-•*])\s+/, '')))
      .every((line) => body.includes(line));
  }

  /** Whether the answer text lists a contact already: one of their addresses, else their name. */
  function listedIn(text, name, emails) {
    const body = plain(text);
    return emails.length ? emails.some((e) => body.includes(plain(e))) : Boolean(name) && body.includes(plain(name));
  }

  /**
   * The Markdown answers are written in, as DOM built with text nodes only: paragraphs (lines;
   * a blank line starts a new one), `- ` list items, `**bold**` and `[n]` citation links. Nothing
   * else is Markdown here: any other character stays text.
   * @param {string} text
   * @param {(n: string) => HTMLElement|null} linkFor
   */
  function renderMarkdown(text, linkFor) {
    const out = h('div', { class: 'text' });
    let list = null;
    let para = null;
    for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
      const item = /^\s*-\s+(.*)$/.exec(line);
      if (item) {
        para = null;
        if (!list) out.append((list = h('ul')));
        list.append(appendInline(h('li'), item[1], linkFor));
        continue;
      }
      list = null;
      if (!line.trim()) {
        para = null;
        continue;
      }
      if (para) para.append(h('br'));
      else out.append((para = h('p')));
      appendInline(para, line, linkFor);
    }
    return out;
  }

  /** Appends text with `**bold**` and `[n]` markers to parent as DOM nodes. */
  function appendInline(parent, text, linkFor) {
    const re = /\*\*(.+?)\*\*|\[(\d{1,3})\]/g;
    let at = 0;
    let m;
    while ((m = re.exec(text))) {
      if (m.index > at) parent.append(text.slice(at, m.index));
      if (m[1] !== undefined) parent.append(appendInline(h('strong'), m[1], linkFor));
      else parent.append(linkFor(m[2]) || m[0]);
      at = re.lastIndex;
    }
    if (at < text.length) parent.append(text.slice(at));
    return parent;
  }

  window.customElements.define(TAG, CasechatChat);

  /** Loaded by a plain <script src> and no <casechat-chat> on the page: append a floating one set up from the script's data-*. */
  function autoMount() {
    if (!SCRIPT?.src || document.querySelector(TAG)) return;
    const el = document.createElement(TAG);
    el.setAttribute('mode', 'floating');
    for (const key of OPTION_KEYS) {
      const value = SCRIPT.dataset[key];
      if (value !== undefined) el.dataset[key] = value;
    }
    el.dataset.api = new URL(SCRIPT.src, location.href).origin;
    document.body.append(el);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoMount, { once: true });
  else autoMount();
})();
