import { describe, expect, it } from 'vitest';
import {
  casePage,
  casesPage,
  chatPage,
  escapeHtml,
  filterCases,
  paragraphHasQuote,
  widgetDemoPage,
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
    expect(cspViolations(html)).toEqual([]);
  });
});

describe('widgetDemoPage', () => {
  it('shows the snippet for the given origin, escaped, and loads the widget', () => {
    const html = widgetDemoPage('https://casechat.example');
    expect(html).toContain('&lt;script src=&quot;https://casechat.example/widget.js&quot; defer');
    expect(html).toContain('<script src="/widget.js" defer data-title="Spørg om innovationscases"');
    expect(cspViolations(html)).toEqual([]);
  });
});
