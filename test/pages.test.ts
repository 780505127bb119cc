import { describe, expect, it } from 'vitest';
import {
  casePage,
  casesPage,
  chatPage,
  escapeHtml,
  filterCases,
  layout,
  paragraphHasQuote,
  shortOrgList,
  widgetDemoPage,
  widgetSnippet,
  type CaseListItem,
  type CaseView,
} from '../src/server/pages.js';

const CASE: CaseView = {
  id: 'hjem-til-alle',
  title: 'Hjem til <Alle>',
  document: 'Hjem til alle – Odense 2018',
  file: 'hjem-til-alle-odense-2018.txt',
  organisations: ['Odense Kommune', 'Bikubenfonden'],
  nominator: 'Odense Kommune',
  targetGroup: 'Hjemløse unge',
  year: '2018',
  lineStart: 1,
  lineEnd: 42,
  pageStart: null,
  pageEnd: null,
  contacts: [
    {
      name: 'Anne Jensen',
      role: 'Projektleder',
      org: 'Odense Kommune',
      email: 'anne@odense.dk',
      emails: ['anne@odense.dk', 'anne.jensen@fonden.dk'],
      phone: '+45 12 34 56 78',
      emailRepaired: true,
      written: 'Anne Jensen, Projektleder, Odense Kommune\n\n📞 12 34 56 78\n\n✉️ anne@odense.dk',
      lineStart: 40,
      lineEnd: 44,
    },
  ],
  sections: [
    {
      name: 'Løsning',
      paragraphs: [
        { lineStart: 2, lineEnd: 2, text: 'Hjem til Alle' },
        { lineStart: 3, lineEnd: 4, text: 'Kommunen og fonden samarbejder.' },
        { lineStart: 5, lineEnd: 5, text: 'De reserverer boliger på kollegiet til hjemløse unge i Odense.' },
        { lineStart: 6, lineEnd: 7, text: 'Hjem til Alle er et samarbejde om boliger\ntil unge uden et sted at bo.' },
      ],
    },
  ],
};

const LIST: CaseListItem[] = [
  { id: 'a', title: 'Hjem til Alle', organisations: ['Odense Kommune', 'Bikubenfonden'], year: '2018', document: 'Odense 2018' },
  { id: 'b', title: 'Læs, stjæl, fortæl', organisations: ['Aarhus Kommune'], year: '2019', document: 'Læsning' },
];

/** Inline scripts, inline event handlers and style attributes: what a strict CSP refuses. */
function cspViolations(html: string): string[] {
  return [
    ...(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []),
    ...(html.match(/\son[a-z]+=/g) ?? []),
    ...(html.match(/\sstyle=/g) ?? []),
    ...(html.match(/<style/g) ?? []),
  ];
}

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('chatPage', () => {
  it('renders the inline widget with three example questions and nothing a strict CSP refuses', () => {
    const html = chatPage();
    expect(html).toContain('<casechat-chat mode="inline"');
    expect(html).toContain('data-examples="Hvordan hjælper man hjemløse unge?|');
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(cspViolations(html)).toEqual([]);
  });
});

describe('casePage', () => {
  it('marks the paragraph holding the quote as cited, with the quote in <mark>', () => {
    const html = casePage(CASE, { quote: 'reserverer boliger på kollegiet' });
    expect(html).toContain(
      '<p id="L5" data-line-start="5" data-line-end="5" class="cited" tabindex="-1">De <mark>reserverer boliger på kollegiet</mark> til hjemløse unge i Odense.</p>',
    );
    expect(html).toContain('<p id="L3" data-line-start="3" data-line-end="4">Kommunen og fonden samarbejder.</p>');
    expect(html).toContain('Det citerede er markeret nedenfor.');
    expect(cspViolations(html)).toEqual([]);
  });

  it('marks the cited sentence, not a title line that repeats words of it', () => {
    const html = casePage(CASE, { quote: 'Hjem til Alle er et samarbejde om boliger til unge uden et sted at bo.' });
    expect(html.match(/class="cited"/g)).toHaveLength(1);
    expect(html).toContain('<p id="L2" data-line-start="2" data-line-end="2">Hjem til Alle</p>');
    // quoted with a space where the source breaks the line: still found and marked whole
    expect(html).toContain(
      '<p id="L6" data-line-start="6" data-line-end="7" class="cited" tabindex="-1"><mark>Hjem til Alle er et samarbejde om boliger\ntil unge uden et sted at bo.</mark></p>',
    );
  });

  it('marks the contact card a citation of the contact block quotes', () => {
    const html = casePage(CASE, { quote: 'Anne Jensen, Projektleder, Odense Kommune\n\n📞 12 34 56 78\n\n✉️ anne@odense.dk' });
    expect(html).toContain('<li id="L40" class="contact cited" tabindex="-1"><strong>Anne Jensen</strong>');
    expect(html.match(/class="[^"]*cited/g)).toHaveLength(1);
  });

  it('marks the paragraph holding ?line= when there is no quote', () => {
    const html = casePage(CASE, { lineStart: 4 });
    expect(html.match(/class="cited"/g)).toHaveLength(1);
    expect(html).toContain('<p id="L3" data-line-start="3" data-line-end="4" class="cited" tabindex="-1">');
  });

  it('says so when the quote is not in the case, and marks nothing', () => {
    const html = casePage(CASE, { quote: 'et citat der slet ikke står her' });
    expect(html).not.toContain('class="cited"');
    expect(html).toContain('Det citerede uddrag blev ikke fundet ordret i casen.');
  });

  it('escapes case text and links contacts with mailto and tel without spaces', () => {
    const html = casePage(CASE, {});
    expect(html).toContain('<h1>Hjem til &lt;Alle&gt;</h1>');
    expect(html).toContain('<a href="mailto:anne@odense.dk">anne@odense.dk</a> · <a href="mailto:anne.jensen@fonden.dk">anne.jensen@fonden.dk</a>');
    expect(html).toContain('<a href="tel:+4512345678">+45 12 34 56 78</a>');
    expect(html).toContain('hjem-til-alle-odense-2018.txt, linje 1–42');
    expect(html).toContain('e-mailadressen er rettet fra kildeteksten');
  });
});

describe('paragraphHasQuote', () => {
  it('matches across whitespace and case, ellipsis fragments, and quotes running over a paragraph break', () => {
    expect(paragraphHasQuote('De reserverer  boliger\npå kollegiet.', 'RESERVERER BOLIGER PÅ KOLLEGIET')).toBe(true);
    expect(paragraphHasQuote('De reserverer boliger på kollegiet.', 'noget helt andet … reserverer boliger')).toBe(true);
    expect(paragraphHasQuote('Slutningen af afsnittet handler om kollegiet i Odense.', 'handler om kollegiet i Odense. Næste afsnit begynder her')).toBe(true);
    expect(paragraphHasQuote('Kommunen og fonden samarbejder.', 'reserverer boliger på kollegiet')).toBe(false);
    expect(paragraphHasQuote('Kort.', 'kort')).toBe(false);
    // a title inside the quote is not the quoted paragraph
    expect(paragraphHasQuote('Hjem til Alle', 'Hjem til alle-alliancen samler de vigtigste aktører')).toBe(false);
  });
});

describe('casesPage', () => {
  it('filters by organisation and text on the server and keeps the form filled in', () => {
    expect(filterCases(LIST, { org: 'Aarhus Kommune' }).map((c) => c.id)).toEqual(['b']);
    expect(filterCases(LIST, { q: 'STJÆL' }).map((c) => c.id)).toEqual(['b']);
    expect(filterCases(LIST, { q: 'bikuben' }).map((c) => c.id)).toEqual(['a']);
    expect(filterCases(LIST, {}).map((c) => c.id)).toEqual(['a', 'b']);
    const html = casesPage(LIST, { org: 'Odense Kommune', q: '"x"' });
    expect(html).toContain('<option value="Odense Kommune" selected>Odense Kommune</option>');
    expect(html).toContain('value="&quot;x&quot;"');
    expect(html).toContain('Viser 0 af 2 cases.');
    expect(shortOrgList(['A', 'B', 'C'])).toBe('A, B, C');
    expect(shortOrgList(['Odense Kommune', 'Bikubenfonden', 'C', 'D', 'E'])).toBe('Odense Kommune, Bikubenfonden + 3 flere');
    expect(cspViolations(html)).toEqual([]);
  });
});

describe('widgetDemoPage', () => {
  it('shows the snippet for the given origin, escaped, with a copy button, and the widget itself as the preview', () => {
    const html = widgetDemoPage('https://casechat.example');
    expect(html).toContain('&lt;script src=&quot;https://casechat.example/widget.js&quot; defer');
    expect(html).toContain('<button type="button" class="copy" id="copy" hidden>Kopiér koden</button>');
    expect(html).toContain(
      '<casechat-chat mode="floating" id="preview" data-title="Spørg om innovationscases" data-color="#1f5f8b" data-position="bottom-right" data-lang="da" data-examples="Hvordan hjælper man hjemløse unge?|Hvem kan jeg kontakte om Hjem til Alle?"></casechat-chat>',
    );
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).toContain('<script src="/widget-demo.js" defer></script>');
    expect(cspViolations(html)).toEqual([]);
  });

  it('says how to allow a site, with ALLOWED_ORIGINS and an example', () => {
    const html = widgetDemoPage('https://casechat.example');
    expect(html).toContain('<code>ALLOWED_ORIGINS</code>');
    expect(html).toContain('<pre><code>ALLOWED_ORIGINS=https://intra.kommune.dk,https://intranet.kommune.dk:8443</code></pre>');
  });

  it('writes the chosen options into the snippet, the form and the preview, a quote as &quot;', () => {
    const options = { title: 'Spørg "os"', color: '#ffd84d', position: 'bottom-left' as const, examples: ['Hvad gør Lejre?', 'Hvem står bag?'] };
    expect(widgetSnippet('https://c.example', options)).toBe(
      '<script src="https://c.example/widget.js" defer\n  data-title="Spørg &quot;os&quot;"\n  data-color="#ffd84d"\n  data-position="bottom-left"\n  data-lang="da"\n  data-examples="Hvad gør Lejre?|Hvem står bag?"></script>',
    );
    const html = widgetDemoPage('https://c.example', options);
    expect(html).toContain('data-title="<span data-option="title">Spørg &amp;quot;os&amp;quot;</span>"');
    expect(html).toContain('<option value="bottom-left" selected>Nederst til venstre</option>');
    expect(html).toContain('<textarea id="demo-examples" name="examples" rows="3" maxlength="600">Hvad gør Lejre?\nHvem står bag?</textarea>');
    expect(html).toContain('<casechat-chat mode="floating" id="preview" data-title="Spørg &quot;os&quot;" data-color="#ffd84d" data-position="bottom-left"');
    // the snippet as shown is the snippet as copied: its text is exactly widgetSnippet
    const shown = /<pre class="snippet" id="snippet"><code>([\s\S]*?)<\/code><\/pre>/.exec(html)![1];
    const text = shown
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(text).toBe(widgetSnippet('https://c.example', options));
  });
});

describe('layout', () => {
  it('writes a page in one language: Danish pages with a Danish menu, English ones with an English menu', () => {
    expect(casesPage(LIST, {})).toContain('<html lang="da">');
    expect(casesPage(LIST, {})).toContain(
      '<nav aria-label="Hovedmenu"><a href="/">Chat</a> <a href="/cases">Alle cases</a> <a href="/widget-demo">Widget</a> <a href="/docs">API</a></nav>',
    );
    const en = layout('API', '<h1>API</h1>', [], 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain(
      '<nav aria-label="Main menu"><a href="/">Chat</a> <a href="/cases">All cases</a> <a href="/widget-demo">Widget</a> <a href="/docs">API</a></nav>',
    );
  });
});
