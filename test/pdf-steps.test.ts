import { describe, expect, it } from 'vitest';
import { columnOf, detectColumns, type Span } from '../src/ingest/loaders/pdf/columns.js';
import { removeFurniture } from '../src/ingest/loaders/pdf/furniture.js';
import { joinLines, vocabulary } from '../src/ingest/loaders/pdf/hyphens.js';
import { pageLines, pageRows } from '../src/ingest/loaders/pdf/lines.js';
import { itemsFromTsv } from '../src/ingest/loaders/pdf/ocr.js';
import { buildBlocks } from '../src/ingest/loaders/pdf/paragraphs.js';
import type { Line, PdfPage, TextItem } from '../src/ingest/loaders/pdf/types.js';

/** A run of monospaced 10 pt text: every character 6 pt wide. */
function item(text: string, x: number, y: number, size = 10): TextItem {
  return { text, x, y, width: text.length * 0.6 * size, size, bold: false, mono: true };
}

function page(items: TextItem[], num = 1): PdfPage {
  return { num, width: 600, height: 800, items, images: 0, ocr: false };
}

const linesOf = (p: PdfPage) => pageLines(p, pageRows(p)).map((l) => l.text);

describe('rows and lines of a page', () => {
  it('joins items on one baseline left to right: a space where they stand apart, nothing where they touch', () => {
    const p = page([item('skolegårde', 92, 100), item('Grøn', 50, 100.5), item('ne', 74, 100)]);
    expect(linesOf(p)).toEqual(['Grønne skolegårde']);
  });

  it('puts items a line pitch apart on lines of their own, top to bottom', () => {
    const p = page([item('anden linje', 50, 112), item('første linje', 50, 100)]);
    expect(linesOf(p)).toEqual(['første linje', 'anden linje']);
  });

  it('turns a gap wider than an em into a tab, as in a table of contents', () => {
    expect(linesOf(page([item('• Forord', 50, 100), item('3', 200, 100)]))).toEqual(['• Forord\t3']);
  });

  it('turns a gap off the character grid of monospaced text into a tab, even one narrower than a space', () => {
    // "liv" ends at 68; the number stands 5.4 pt later: no whole number of 6 pt characters.
    expect(linesOf(page([item('liv', 50, 100), item('173', 73.4, 100)]))).toEqual(['liv\t173']);
    expect(linesOf(page([item('liv', 50, 100), item('173', 71, 100)]))).toEqual(['liv\t173']);
    expect(linesOf(page([item('liv', 50, 100), item('173', 74, 100)]))).toEqual(['liv 173']);
  });
});

/** Fragments of a column of text: `count` lines from `x`, most of them filling `width`. */
function column(x: number, width: number, count: number): Span[] {
  return Array.from({ length: count }, (_, i) => ({ x, right: x + width - (i % 4 === 3 ? width / 2 : (i % 3) * 6) }));
}

describe('detectColumns', () => {
  it('finds two columns from the gutter between them', () => {
    expect(detectColumns([...column(50, 240, 12), ...column(310, 240, 12)])).toEqual([
      { x: 50, right: 290 },
      { x: 310, right: 550 },
    ]);
  });

  it('finds three columns', () => {
    expect(detectColumns([...column(50, 150, 10), ...column(220, 150, 10), ...column(390, 150, 10)])).toEqual([
      { x: 50, right: 200 },
      { x: 220, right: 370 },
      { x: 390, right: 540 },
    ]);
  });

  it('lets a title cross the gutter: the title is in no column', () => {
    const title = { x: 50, right: 500 };
    const columns = detectColumns([title, ...column(50, 240, 12), ...column(310, 240, 12)]);
    expect(columns).toHaveLength(2);
    expect(columnOf(title, columns)).toBe(-1);
    // A line that reaches a little into the gutter stays in its column.
    expect(columnOf({ x: 50, right: 295 }, columns)).toBe(0);
    expect(columnOf({ x: 310, right: 400 }, columns)).toBe(1);
  });

  it('sees one column in a table of contents whose page numbers stand to the right', () => {
    const titles = Array.from({ length: 12 }, (_, i) => ({ x: 50, right: 200 + 20 * (i % 8) }));
    const numbers = Array.from({ length: 12 }, () => ({ x: 500, right: 512 }));
    expect(detectColumns([...titles, ...numbers])).toEqual([{ x: 50, right: 512 }]);
  });

  it('sees one column in a two-cell table of short entries', () => {
    const names = Array.from({ length: 8 }, (_, i) => ({ x: 50, right: 120 + 7 * i }));
    const roles = Array.from({ length: 8 }, (_, i) => ({ x: 300, right: 330 + 9 * i }));
    expect(detectColumns([...names, ...roles])).toEqual([{ x: 50, right: 393 }]);
  });
});

describe('reading order on a page with two columns', () => {
  it('reads the title across the columns, then the left column, then the right one', () => {
    const left = [
      'Venstre spalte begynder med den første',
      'linje, og den fortsætter på den anden og',
      'den tredje linje, før den slutter med',
      'den fjerde linje nederst i spalten.',
    ];
    const right = [
      'Højre spalte læses først, når venstre',
      'spalte er læst til bunds, også selv om',
      'linjerne står i samme højde på siden',
      'som linjerne i den venstre spalte.',
    ];
    const items = [
      item('En overskrift hen over begge spalter, som er bred', 50, 60),
      ...left.map((t, i) => item(t, 50, 100 + 12 * i)),
      ...right.map((t, i) => item(t, 310, 100 + 12 * i)),
    ];
    expect(linesOf(page(items))).toEqual(['En overskrift hen over begge spalter, som er bred', ...left, ...right]);
  });
});

describe('removeFurniture', () => {
  const row = (text: string, pageNumber: number, y: number) => ({ text, page: pageNumber, y });
  const words = ['Første', 'Anden', 'Tredje', 'Fjerde'];
  const pages = [1, 2, 3, 4].map((n) => [
    row(`Årsrapport 2021 · side ${n}`, n, 30),
    row(n === 2 ? 'Fra udfordring' : `${words[n - 1]} side begynder`, n, 60),
    row('Noget midt på siden', n, 300 + n),
    row(n === 3 ? 'Fra udfordring' : `${words[n - 1]} side slutter`, n, 700),
    row(String(n + 10), n, 780),
  ]);

  it('drops a line at the same height on every page (its page number may change) and the bare page numbers', () => {
    const { pages: kept, removed } = removeFurniture(pages);
    expect(removed.map((r) => r.text)).toEqual([
      'Årsrapport 2021 · side 1',
      '11',
      'Årsrapport 2021 · side 2',
      '12',
      'Årsrapport 2021 · side 3',
      '13',
      'Årsrapport 2021 · side 4',
      '14',
    ]);
    expect(kept[1].map((r) => r.text)).toEqual(['Fra udfordring', 'Noget midt på siden', 'Anden side slutter']);
  });

  it('keeps a line that repeats away from the page edges, and one at the edge of too few pages', () => {
    const { pages: kept } = removeFurniture(pages);
    expect(kept.flat().filter((r) => r.text === 'Noget midt på siden' || r.text === 'Fra udfordring')).toHaveLength(6);
  });
});

/** `text` broken greedily into lines of at most `width` characters. */
function wrapAt(text: string, width = 40): string[] {
  const out: string[] = [];
  for (const word of text.split(' ')) {
    const last = out.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

/**
 * Visual lines of a monospaced 10 pt column 40 characters wide (x 50–290, on a
 * page 340 wide): `[text, y]` or `[text, y, page]`.
 */
function visual(rows: Array<[string, number] | [string, number, number]>, size = 10): Line[] {
  return rows.map(([text, y, p = 1]) => ({
    text,
    page: p,
    x: 50,
    right: 50 + text.length * 0.6 * size,
    y,
    size,
    bold: false,
    firstWord: /^\S*/.exec(text)![0].length * 0.6 * size,
    space: 0.6 * size,
    colLeft: 50,
    colRight: 50 + text.length * 0.6 * size,
    column: 0,
    columns: 1,
    pageWidth: 340,
  }));
}

/** Lines `pitch` apart from `top` on one page. */
const stacked = (texts: string[], top: number, pitch = 12): Array<[string, number]> => texts.map((t, i) => [t, top + pitch * i]);

const texts = (lines: Line[]) => buildBlocks(lines, vocabulary(lines.map((l) => l.text))).map((b) => b.paragraphs.map((p) => p.text));

describe('buildBlocks', () => {
  it('joins the wrapped lines of a paragraph and starts a block where the gap is wider than the line pitch', () => {
    const first = 'Eleverne har tegnet deres drømmeskolegård, og forældrene har bygget den på fire weekender.';
    const wrapped = wrapAt(first);
    expect(wrapped).toHaveLength(3);
    const lines = visual([...stacked(wrapped, 100), ['Kommunen betalte materialerne.', 100 + 12 * 2 + 24]]);
    expect(texts(lines)).toEqual([[first], ['Kommunen betalte materialerne.']]);
  });

  it('keeps a line broken on purpose (the next word would have fitted) as a line of its own in the block', () => {
    const lines = visual(stacked(['Mette Hansen', 'Projektleder', 'Eksempel Kommune', 'mh@eksempel.dk'], 100));
    expect(texts(lines)).toEqual([['Mette Hansen', 'Projektleder', 'Eksempel Kommune', 'mh@eksempel.dk']]);
  });

  it('starts a list item after a full line that ends a sentence', () => {
    const item1 = '- Eleverne bruger skolegården hver dag i frikvartererne og i undervisningen. Det er nyt for skolen og for eleverne i ære.';
    const item2 = '- Naboerne bruger den om eftermiddagen.';
    const wrapped = wrapAt(item1);
    expect(wrapped.at(-1)!.length + 2).toBeGreaterThan(40);
    expect(texts(visual(stacked([...wrapped, item2], 100)))).toEqual([[item1, item2]]);
  });

  it('makes one heading line of a larger title broken over two lines', () => {
    const title = visual(
      [
        ['Grønne skolegårde', 60],
        ['i Eksempel Kommune', 84],
      ],
      20,
    );
    const body = visual(stacked(wrapAt('Kommunen har omdannet asfalten på otte skoler.'), 120));
    expect(buildBlocks([...title, ...body], vocabulary([]))).toEqual([
      { heading: true, paragraphs: [{ text: 'Grønne skolegårde i Eksempel Kommune', page: 1 }] },
      { heading: false, paragraphs: [{ text: 'Kommunen har omdannet asfalten på otte skoler.', page: 1 }] },
    ]);
  });

  it('runs a paragraph on across a page when its last line is full, and a short line on as a line of its block', () => {
    const paragraph = 'Et langt afsnit begynder på den første side af dokumentet, fortsætter helt ned til bunden af siden og slutter først på den næste side.';
    const [l1, l2, l3, ...rest] = wrapAt(paragraph);
    const lines = visual([
      [l1, 100, 1],
      [l2, 112, 1],
      [l3, 124, 1],
      [rest.join(' '), 100, 2],
      ['Mette Hansen', 112, 2],
      ['Projektleder', 124, 2],
      ['Eksempel Kommune', 100, 3],
    ]);
    expect(rest).toHaveLength(1);
    const blocks = buildBlocks(lines, vocabulary([]));
    expect(blocks.map((b) => b.paragraphs)).toEqual([
      [
        { text: paragraph, page: 1 },
        { text: 'Mette Hansen', page: 2 },
        { text: 'Projektleder', page: 2 },
        { text: 'Eksempel Kommune', page: 3 },
      ],
    ]);
  });

  it('starts a block at a page change after room left at the bottom, and after the end of a sentence', () => {
    const lines = visual([
      ['Et afsnit uden punktum', 100, 1],
      ['Næste afsnit', 100, 2],
      ['linje to', 112, 2],
      ['slutter her.', 124, 2],
      ['Sidste afsnit', 100, 3],
    ]);
    expect(texts(lines)).toEqual([['Et afsnit uden punktum'], ['Næste afsnit', 'linje to', 'slutter her.'], ['Sidste afsnit']]);
  });
});

describe('joinLines', () => {
  const known = vocabulary(['Innovation er godt.', 'Send en e-mail og en email.']);
  const spaced = ['og', 'eller'];

  it('joins a word hyphenated at the line end when the document writes it whole', () => {
    expect(joinLines('en ny innova-', 'tion i kommunen', known, spaced)).toBe('en ny innovation i kommunen');
  });

  it('keeps the hyphen when the joined word is unknown, or known with its hyphen', () => {
    expect(joinLines('arbejde med FN-', 'verdensmålene', known, spaced)).toBe('arbejde med FN-verdensmålene');
    expect(joinLines('skriv en e-', 'mail til os', known, spaced)).toBe('skriv en e-mail til os');
  });

  it('keeps the space after a suspended hyphen before "og"', () => {
    expect(joinLines('sundheds-', 'og socialområdet', known, spaced)).toBe('sundheds- og socialområdet');
  });

  it('always joins at a soft hyphen, and puts a space between other lines', () => {
    expect(joinLines('velfærds\u00ad', 'teknologi', known, spaced)).toBe('velfærdsteknologi');
    expect(joinLines('et fysisk sted –', 'og et mindset', known, spaced)).toBe('et fysisk sted – og et mindset');
  });
});

describe('itemsFromTsv', () => {
  it('makes one item per line tesseract read, in points, on the baseline its box top implies', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '4\t1\t1\t1\t1\t0\t300\t600\t900\t50\t-1\t',
      '5\t1\t1\t1\t1\t1\t300\t600\t400\t50\t96\tGrønne',
      '5\t1\t1\t1\t1\t2\t750\t600\t450\t50\t95\tskolegårde',
      '4\t1\t1\t1\t2\t0\t300\t660\t300\t40\t-1\t',
      '5\t1\t1\t1\t2\t1\t300\t660\t300\t40\t91\tvirker',
    ].join('\n');
    expect(itemsFromTsv(tsv, 300)).toEqual([
      { text: 'Grønne skolegårde', x: 72, y: 153.6, width: 216, size: 12, bold: false, mono: false },
      { text: 'virker', x: 72, y: 168, width: 72, size: 12, bold: false, mono: false },
    ]);
  });
});
