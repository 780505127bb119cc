import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkAll } from '../src/ingest/build.js';
import { loadCorpus, resolveLoadOptions } from '../src/ingest/load.js';
import { loadHtml } from '../src/ingest/loaders/html.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import { encodeWindows1252, makeFixtureDir } from './fixtures.js';

/*
 * Saved web pages as municipalities and agencies publish them: furniture around the article,
 * div-only markup, contact boxes, inline contacts, examples under headings, lists and captions.
 */
const DIV_ONLY = `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Borgerne designer fremtidens bibliotek | Aarhus Kommune</title></head>
<body>
<div id="CybotCookiebotDialog" class="CybotCookiebotDialogActive">
  <div id="CybotCookiebotDialogBodyContentTitle">Denne hjemmeside bruger cookies</div>
  <div id="CybotCookiebotDialogBodyContentText">Vi bruger cookies til at tilpasse vores indhold og til at analysere vores trafik.</div>
  <div class="CybotCookiebotDialogBodyLevelButtonWrapper">Nødvendige Præferencer Statistik Marketing</div>
  <a id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll" href="#">Tillad alle</a>
  <a href="#">Vis detaljer</a>
</div>
<div class="skip-links"><a href="#main-content">Skip til primært indhold</a></div>
<a class="visually-hidden-focusable" href="#content">Gå direkte til indhold</a>
<div class="site-top">
  <div class="logo"><a href="/"><img src="/logo.svg" alt="Aarhus Kommune"></a></div>
  <div class="main-menu"><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li><li><a href="/politik">Politik og indflydelse</a></li><li><a href="/om">Om kommunen</a></li></ul></div>
</div>
<div class="crumbs"><a href="/">Forside</a> › <a href="/kultur">Kultur og fritid</a> › <a href="/kultur/biblioteker">Biblioteker</a></div>
<div id="content">
  <div class="article-body">
    <h1>Borgerne designer fremtidens bibliotek</h1>
    <div class="date">12. marts 2019</div>
    <div class="teaser">Aarhus Kommunes Biblioteker har inviteret borgere, foreninger og medarbejdere til at designe fremtidens lokalbibliotek i Tilst sammen.</div>
    <div class="text">
      <div>Biblioteket i Tilst skulle renoveres, og i stedet for at tegne det nye bibliotek på rådhuset bad kommunen borgerne om hjælp. Over tre workshops mødtes 40 borgere, foreninger og bibliotekarer og lavede modeller af rummene i pap og træ.</div>
      <div>Resultatet er et bibliotek med et stort fællesrum, hvor lokale foreninger kan holde møder om aftenen, og et lille værksted, hvor børn og voksne kan reparere cykler og tøj sammen. Biblioteket har i dag 30 procent flere besøgende end før ombygningen.</div>
      <div>Metoden er beskrevet i en kort guide, som andre biblioteker gerne må bruge, og flere kommuner har allerede bedt om at låne pap-modellerne.</div>
      <div>Har du en ide så kontakt:<br>Susanne Hyldborg på mail: jsuh@aarhus.dk</div>
    </div>
  </div>
</div>
<div class="site-bottom">
  <div>Aarhus Kommune · Rådhuspladsen 2 · 8000 Aarhus C · Tlf. 89 40 20 00</div>
  <div><a href="/privatliv">Privatlivspolitik</a> <a href="/tilgaengelighed">Tilgængelighedserklæring</a></div>
</div>
</body></html>`;

const ASIDE = `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Hjem til Alle – unge hjemløse får et hjem | Bikubenfonden</title></head>
<body>
<header class="site-header"><a href="/">Bikubenfonden</a><nav><a href="/om">Om fonden</a> <a href="/stoette">Søg støtte</a></nav></header>
<main>
<article>
<h1>Hjem til Alle – unge hjemløse får et hjem</h1>
<p>Hjem til Alle Alliancen samler kommuner, fonde og organisationer om at stoppe hjemløshed blandt unge. I Odense er boliger på et privat kollegie reserveret til unge, der ellers ville stå uden tag over hovedet.</p>
<p>De unge får en billig bolig og en helhedsorienteret indsats, så de kan komme i gang med en uddannelse. Siden 2017 er 45 unge flyttet ind, og de fleste bor der stadig et år efter.</p>
<h2>Sådan arbejder alliancen</h2>
<p>En fast kontaktperson følger hver ung fra første dag, og kommunen, kollegiet og de frivillige mødes hver måned for at løse problemer, før de vokser sig store.</p>
</article>
<aside class="contact-box">
<h3>Kontakt</h3>
<p><strong>Anne Bergvith Sørensen</strong><br>Programchef, Hjem til Alle Alliancen<br><a href="mailto:anne@hjemtilalle.dk">anne@hjemtilalle.dk</a><br>Tlf. 25 13 60 83</p>
</aside>
<aside class="related"><h3>Læs også</h3><ul><li><a href="/a">Nye boliger til unge i Aarhus</a></li><li><a href="/b">Fonden støtter 12 nye projekter</a></li></ul></aside>
</main>
<footer><p>Bikubenfonden · Otto Mønsteds Gade 5 · 1571 København V</p></footer>
</body></html>`;

const INLINE_CONTACTS = `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Velfærdsteknologi i hjemmeplejen - Viborg Kommune</title></head>
<body>
<nav aria-label="Brødkrummesti"><ol><li><a href="/">Forside</a></li><li><a href="/sundhed">Sundhed</a></li></ol></nav>
<main id="main">
<h1>Skærmbesøg gør hjemmeplejen mere fleksibel</h1>
<p>I Viborg Kommune får 120 borgere nu en del af deres besøg fra hjemmeplejen over en skærm. Borgerne bliver mindet om deres medicin og får en snak om dagen, mens medarbejderne sparer køretid.</p>
<p>Erfaringerne er gode: borgerne oplever mere selvstændighed, og hjemmeplejen har frigjort 900 timer om året, som bruges på de borgere, der har mest brug for fysisk hjælp.</p>
<p>Kommunen deler gerne sine erfaringer og skabeloner med andre kommuner, der vil i gang med skærmbesøg.</p>
<p>Kontakt: Jette Hede Skytte, udviklingskonsulent, Viborg Kommune,<br>tlf. 87 87 12 34</p>
<p>Kontakt: Lars Bo Vestergaard, afdelingsleder, Hjemmeplejen Viborg, lbv@viborg.dk</p>
</main>
</body></html>`;

const THREE_EXAMPLES = `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Tre kommuner gentænker borgerinddragelsen | KL</title></head>
<body>
<header><div class="logo">KL</div><nav><a href="/">Forside</a> <a href="/nyheder">Nyheder</a></nav></header>
<main>
<article>
<h1>Tre kommuner gentænker borgerinddragelsen</h1>
<p class="manchet">Flere kommuner inviterer borgerne med, før beslutningerne er truffet. Her er tre eksempler fra Viborg, Frederiksberg og Roskilde.</p>
<h2>Viborg: Borgerne tegner det nye plejecenter</h2>
<p>I Viborg har beboere, pårørende og medarbejdere tegnet det nye plejecenter sammen med arkitekterne. Over seks workshops blev der lavet 200 skitser, og fællesrummene er flyttet ud mod haven, fordi beboerne ønskede det.</p>
<p>Kontakt: Jette Hede Skytte, udviklingskonsulent, Viborg Kommune, jhs@viborg.dk</p>
<h2>Frederiksberg: Borgerbudget i bydelene</h2>
<p>På Frederiksberg fordeler borgerne selv 2 millioner kroner til projekter i deres bydel. Over 4.000 borgere stemte i 2019, og pengene gik blandt andet til legepladser og grønne gårde.</p>
<p>– Vi havde ikke regnet med så mange stemmer, siger projektleder Anders Holm, som kan kontaktes på anho@frederiksberg.dk.</p>
<h2>Roskilde: Unge rådgiver byrådet</h2>
<p>I Roskilde har et ungepanel med 25 unge mellem 15 og 24 år rådgivet byrådet om ungdomsboliger, kollektiv trafik og fritidstilbud. Byrådet har fulgt to ud af tre anbefalinger.</p>
<h2>Læs også</h2>
<p>KL har samlet flere eksempler på borgerinddragelse i kommunerne i en ny publikation, som kan hentes gratis.</p>
</article>
</main>
<footer><p>KL · Weidekampsgade 10 · 2300 København S</p></footer>
</body></html>`;

const LIST = `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Sammen om genbrug af løsninger</title></head>
<body><main>
<h1>Elleve kommuner deler løsninger i Business Region Aarhus</h1>
<p>Kommunerne i Business Region Aarhus har aftalt at dele deres velfærdsløsninger med hinanden, så en løsning, der virker ét sted, hurtigt kan tages i brug et andet sted.</p>
<p>De 10 kommuner som deltager i samarbejdet er:</p>
<ul><li>Favrskov Kommune</li><li>Hedensted Kommune</li><li>Horsens Kommune</li><li>Norddjurs Kommune</li><li>Odder Kommune</li><li>Randers Kommune</li><li>Samsø Kommune</li><li>Silkeborg Kommune</li><li>Skanderborg Kommune</li><li>Syddjurs Kommune</li></ul>
<p>Samarbejdet skal munde ud i en fælles model for, hvordan man genbruger hinandens løsninger, og den forventes klar i 2015.</p>
</main></body></html>`;

const CAPTION = `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Læsehestene i Lejre</title></head>
<body><main>
<h1>Læsehestene får børn til at læse</h1>
<p>I Lejre Kommune læser frivillige højt for børn mellem 2 og 6 år i børnehaverne, og børnene må tage bøgerne med hjem. 300 børn har været med siden 2018.</p>
<figure><img src="/heste.jpg" alt=""><figcaption>Billede: Borgmesteren læser højt for børnene i Hvalsø Børnehus.</figcaption></figure>
<p>Pædagogerne oplever, at børnene taler mere om bøgerne, og flere forældre låner bøger på biblioteket end før.</p>
<div class="image-caption">Foto: Lejre Kommune</div>
<p>Billede: Frivillige fra Lejre læser op.</p>
<p>Projektet fortsætter i 2020 med flere frivillige og to nye børnehaver.</p>
</main></body></html>`;

const madeDirs: string[] = [];
afterAll(async () => {
  await Promise.all(madeDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Loads and segments one page through the real loader and segmenter. */
async function page(name: string, content: string | Uint8Array) {
  const dir = await makeFixtureDir({ [name]: content });
  madeDirs.push(dir);
  const log = memoryLogger();
  const docs = await loadCorpus(dir, log);
  const cases = segmentCorpus(docs, log);
  return { doc: docs[0], cases, chunks: chunkAll(docs, cases), warnings: log.warnings };
}

const people = (c: { contacts: Array<{ name: string; role: string | null; org: string | null; email: string | null; phone: string | null }> }) =>
  c.contacts.map((p) => [p.name, p.role, p.org, p.email, p.phone]);

describe('a web page with div-only markup', () => {
  it('keeps the article and drops the cookie banner, skip links, menu, breadcrumbs and footer', async () => {
    const { doc, cases, warnings } = await page('bibliotek.html', DIV_ONLY);
    expect(warnings).toEqual([]);
    expect(doc.lines).toEqual([
      'Borgerne designer fremtidens bibliotek',
      '',
      '12. marts 2019',
      '',
      'Aarhus Kommunes Biblioteker har inviteret borgere, foreninger og medarbejdere til at designe fremtidens lokalbibliotek i Tilst sammen.',
      '',
      'Biblioteket i Tilst skulle renoveres, og i stedet for at tegne det nye bibliotek på rådhuset bad kommunen borgerne om hjælp. Over tre workshops mødtes 40 borgere, foreninger og bibliotekarer og lavede modeller af rummene i pap og træ.',
      '',
      'Resultatet er et bibliotek med et stort fællesrum, hvor lokale foreninger kan holde møder om aftenen, og et lille værksted, hvor børn og voksne kan reparere cykler og tøj sammen. Biblioteket har i dag 30 procent flere besøgende end før ombygningen.',
      '',
      'Metoden er beskrevet i en kort guide, som andre biblioteker gerne må bruge, og flere kommuner har allerede bedt om at låne pap-modellerne.',
      '',
      'Har du en ide så kontakt:',
      'Susanne Hyldborg på mail: jsuh@aarhus.dk',
    ]);
    expect(doc.headingLines).toEqual([0]);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      title: 'Borgerne designer fremtidens bibliotek',
      document: 'Borgerne designer fremtidens bibliotek',
      lineStart: 1,
      lineEnd: 14,
    });
    expect(cases[0].summary).toBe(
      'Aarhus Kommunes Biblioteker har inviteret borgere, foreninger og medarbejdere til at designe fremtidens lokalbibliotek i Tilst sammen.',
    );
  });

  it('reads "Har du en ide så kontakt:" and "Name på mail: address" at the end of the article as a contact', async () => {
    const { cases } = await page('bibliotek.html', DIV_ONLY);
    expect(people(cases[0])).toEqual([['Susanne Hyldborg', null, null, 'jsuh@aarhus.dk', null]]);
    expect(cases[0].sections.map((s) => s.name)).toEqual(['Artikel', 'Kontakt']);
  });
});

describe('a web page inside one <form> (ASP.NET)', () => {
  it('keeps the article the form holds and drops the search box, the menu and the footer inside it', async () => {
    const html = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Madskole | Vejle Kommune</title></head>
<body><form id="aspnetForm" method="post" action="./madskole.aspx">
<div class="topbar"><a href="/">Vejle Kommune</a><div class="search"><input name="q"><button>Søg</button></div></div>
<div class="megamenu"><a href="/borger">Borger</a> <a href="/erhverv">Erhverv</a></div>
<div id="page"><h1>Madskole for ældre</h1>
<p>Ældre borgere lærer at lave sund mad sammen i små hold på kommunens aktivitetscentre. 80 borgere har været med, og de fleste laver nu mad sammen med andre hver uge.</p></div>
<div class="footer">Vejle Kommune · Skolegade 1 · 7100 Vejle</div>
</form></body></html>`;
    const { doc } = await page('madskole.html', html);
    expect(doc.lines).toEqual([
      'Madskole for ældre',
      '',
      'Ældre borgere lærer at lave sund mad sammen i små hold på kommunens aktivitetscentre. 80 borgere har været med, og de fleste laver nu mad sammen med andre hver uge.',
    ]);
  });
});

describe('a web page with an <aside> contact box', () => {
  it('keeps the box with a name and an email or phone, and drops the aside of links and the site header and footer', async () => {
    const { doc, cases } = await page('hjem-til-alle.html', ASIDE);
    expect(doc.lines.slice(-6)).toEqual([
      'Kontakt',
      '',
      'Anne Bergvith Sørensen',
      'Programchef, Hjem til Alle Alliancen',
      'anne@hjemtilalle.dk',
      'Tlf. 25 13 60 83',
    ]);
    expect(doc.lines.some((l) => /Læs også|Nye boliger til unge|Søg støtte|Otto Mønsteds Gade/.test(l))).toBe(false);
    expect(people(cases[0])).toEqual([['Anne Bergvith Sørensen', 'Programchef', 'Hjem til Alle Alliancen', 'anne@hjemtilalle.dk', '+45 25 13 60 83']]);
  });
});

describe('a web page with inline contacts', () => {
  it('reads two "Kontakt: Name, role, org" lines, with the detail on the next line or on the same one', async () => {
    const { doc, cases } = await page('skaermbesoeg.html', INLINE_CONTACTS);
    expect(doc.lines.some((l) => /Forside|Sundhed$/.test(l))).toBe(false);
    expect(cases).toHaveLength(1);
    expect(people(cases[0])).toEqual([
      ['Jette Hede Skytte', 'udviklingskonsulent', 'Viborg Kommune', null, '+45 87 87 12 34'],
      ['Lars Bo Vestergaard', 'afdelingsleder', 'Hjemmeplejen Viborg', 'lbv@viborg.dk', null],
    ]);
    expect(cases[0].contacts.map((p) => [p.lineStart, p.lineEnd])).toEqual([
      [9, 10],
      [12, 12],
    ]);
  });
});

describe('a web page presenting three examples', () => {
  it('gives one case per announced example, and leaves out the heading after them', async () => {
    const { cases } = await page('borgerinddragelse.html', THREE_EXAMPLES);
    expect(cases.map((c) => [c.title, c.layout, c.lineStart, c.lineEnd])).toEqual([
      ['Viborg: Borgerne tegner det nye plejecenter', 'page-example', 5, 9],
      ['Frederiksberg: Borgerbudget i bydelene', 'page-example', 11, 15],
      ['Roskilde: Unge rådgiver byrådet', 'page-example', 17, 19],
    ]);
    expect(cases.every((c) => c.document === 'Tre kommuner gentænker borgerinddragelsen')).toBe(true);
  });

  it('gives each example its own contacts, the project leader named in the running text among them', async () => {
    const { cases } = await page('borgerinddragelse.html', THREE_EXAMPLES);
    expect(cases.map(people)).toEqual([
      [['Jette Hede Skytte', 'udviklingskonsulent', 'Viborg Kommune', 'jhs@viborg.dk', null]],
      [['Anders Holm', 'projektleder', null, 'anho@frederiksberg.dk', null]],
      [],
    ]);
    expect(cases[1].summary).toBe(
      'På Frederiksberg fordeler borgerne selv 2 millioner kroner til projekter i deres bydel. Over 4.000 borgere stemte i 2019, og pengene gik blandt andet til legepladser og grønne gårde.',
    );
  });
});

describe('the encoding of a web page', () => {
  const body =
    '<body><main><h1>Ældre får “digitale makkere” – også i Ærø</h1><p>Frivillige på Ærø hjælper ældre med tablets; det koster 5 € om måneden … og de fleste fortsætter.</p></main></body></html>';

  it('is the one its <meta charset> declares, before any guess', async () => {
    const html = `<!DOCTYPE html><html lang="da"><head><meta charset="windows-1252"><title>Digitale makkere</title></head>${body}`;
    const { doc, warnings } = await page('makkere.html', encodeWindows1252(html));
    expect(warnings).toEqual([]);
    expect(doc.lines).toEqual([
      'Ældre får “digitale makkere” – også i Ærø',
      '',
      'Frivillige på Ærø hjælper ældre med tablets; det koster 5 € om måneden … og de fleste fortsætter.',
    ]);
  });

  it('is the one the http-equiv form declares', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Digitale makkere</title></head>${body}`;
    const { doc, warnings } = await page('makkere.htm', encodeWindows1252(html));
    expect(warnings).toEqual([]);
    expect(doc.lines[0]).toBe('Ældre får “digitale makkere” – også i Ærø');
  });

  it('is guessed, with a NON_UTF8_TEXT warning, only when the page declares none', async () => {
    const html = `<html><head><title>Digitale makkere</title></head>${body}`;
    const { warnings } = await page('makkere.html', encodeWindows1252(html));
    expect(warnings.map((w) => w.code)).toEqual(['NON_UTF8_TEXT']);
  });
});

describe('a list on a web page', () => {
  it('is one paragraph with its lead-in, in one chunk, and every organisation in it is kept', async () => {
    const { doc, cases, chunks } = await page('samarbejde.html', LIST);
    expect(doc.lines.slice(4, 16)).toEqual([
      'De 10 kommuner som deltager i samarbejdet er:',
      '- Favrskov Kommune',
      '- Hedensted Kommune',
      '- Horsens Kommune',
      '- Norddjurs Kommune',
      '- Odder Kommune',
      '- Randers Kommune',
      '- Samsø Kommune',
      '- Silkeborg Kommune',
      '- Skanderborg Kommune',
      '- Syddjurs Kommune',
      '',
    ]);
    const withLeadIn = chunks.filter((k) => k.text.includes('De 10 kommuner som deltager i samarbejdet er:'));
    expect(withLeadIn).toHaveLength(1);
    expect(withLeadIn[0].text).toContain('er:\n- Favrskov Kommune\n- Hedensted Kommune');
    expect(withLeadIn[0].text).toContain('- Syddjurs Kommune');
    expect(cases[0].organisations).toEqual([
      'Business Region Aarhus',
      'Favrskov Kommune',
      'Hedensted Kommune',
      'Horsens Kommune',
      'Norddjurs Kommune',
      'Odder Kommune',
      'Randers Kommune',
      'Samsø Kommune',
      'Silkeborg Kommune',
      'Skanderborg Kommune',
      'Syddjurs Kommune',
    ]);
  });
});

describe('figure captions on a web page', () => {
  it('are dropped, whether <figcaption>, a caption class or a "Billede:" paragraph', async () => {
    const { doc, chunks } = await page('laesehestene.html', CAPTION);
    expect(doc.lines).toEqual([
      'Læsehestene får børn til at læse',
      '',
      'I Lejre Kommune læser frivillige højt for børn mellem 2 og 6 år i børnehaverne, og børnene må tage bøgerne med hjem. 300 børn har været med siden 2018.',
      '',
      'Pædagogerne oplever, at børnene taler mere om bøgerne, og flere forældre låner bøger på biblioteket end før.',
      '',
      'Projektet fortsætter i 2020 med flere frivillige og to nye børnehaver.',
    ]);
    expect(chunks.some((k) => /Billede|Foto/.test(k.text))).toBe(false);
  });
});

describe('the HTML loader on any markup', () => {
  const tag = fc.constantFrom(
    'div',
    'p',
    'span',
    'ul',
    'li',
    'h1',
    'h2',
    'h3',
    'aside',
    'nav',
    'main',
    'article',
    'table',
    'tr',
    'td',
    'figure',
    'figcaption',
    'form',
    'br',
    'a',
  );
  const attrs = fc.constantFrom('', ' class="cookie-banner"', ' id="main"', ' class="contact"', ' hidden', ' role="navigation"', ' class="site-footer"');
  const text = fc.constantFrom(
    'Kontakt:',
    'Jette Hede Skytte',
    'jhs@viborg.dk',
    'tlf. 87 87 12 34',
    'Spring til indhold',
    'Billede: foto',
    'De 3 kommuner er:',
    'Borgerne tegner det nye plejecenter sammen med arkitekterne.',
    '&amp; æøå',
    '',
    '<',
    '>',
  );
  const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.tuple(tag, attrs, fc.array(tie('node'), { maxLength: 4 })).map(([t, a, children]) => `<${t}${a}>${children.join('')}</${t}>`),
    ),
  })).node;

  it('never throws, and gives lines without line breaks or edge spaces, headings on non-empty lines', async () => {
    await fc.assert(
      fc.asyncProperty(markup, async (body) => {
        const log = memoryLogger();
        const bytes = new TextEncoder().encode(`<html><head><title>Side</title></head><body>${body}</body></html>`);
        const out = await loadHtml({ file: 'side.html', bytes, options: resolveLoadOptions(), logger: log });
        expect(log.warnings).toEqual([]);
        expect(out).not.toBeNull();
        for (const line of out!.lines) expect(line === line.trim() && !line.includes('\n')).toBe(true);
        for (const h of out!.headingLines) expect(out!.lines[h]).not.toBe('');
        expect(out!.headingLevels).toHaveLength(out!.headingLines.length);
      }),
      { numRuns: 150 },
    );
  });
});
