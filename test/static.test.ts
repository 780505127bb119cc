import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp } from './app.js';

/** A quote from the summary of Læsehestene, on line 591 of laes-stjael-fortael-2019.txt. */
const LAESEHESTENE_QUOTE =
  'Læsehestene er et tiltag, hvor frivillige besøger daginstitutioner og dagplejere for at læse for de 2-6-årige børn i mindre grupper.';

function expectStrictCsp(res: Response) {
  const csp = res.headers.get('content-security-policy');
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
}

describe('GET /widget.js', () => {
  it('serves the widget as JavaScript with an ETag', async () => {
    const app = await testApp();
    const res = await app.request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{20}"$/);
    expect(await res.text()).toContain('casechat-chat');
  });

  it('answers a matching If-None-Match with 304 and an empty body', async () => {
    const app = await testApp();
    const etag = (await app.request('/widget.js')).headers.get('etag')!;
    const res = await app.request('/widget.js', { headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect(await res.text()).toBe('');
  });

  it('keeps the widget under its budget of 12 KiB gzipped', async () => {
    const app = await testApp();
    const body = await (await app.request('/widget.js')).text();
    expect(gzipSync(body).length).toBeLessThanOrEqual(12 * 1024);
  });

  it('serves the whole file again for a stale ETag', async () => {
    const app = await testApp();
    const res = await app.request('/widget.js', { headers: { 'If-None-Match': '"0000000000"' } });
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(0);
  });
});

describe('pages', () => {
  it.each(['/', '/cases', `/cases/laesehestene?q=${encodeURIComponent(LAESEHESTENE_QUOTE)}`, '/widget-demo', '/docs'])(
    'serves %s as HTML under a CSP without unsafe-inline',
    async (path) => {
      const app = await testApp();
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expectStrictCsp(res);
      expect(await res.text()).toMatch(/^<!doctype html>/);
    },
  );

  it('marks the paragraph holding the quote as cited on the case page', async () => {
    const app = await testApp();
    const html = await (await app.request(`/cases/laesehestene?q=${encodeURIComponent(LAESEHESTENE_QUOTE)}`)).text();
    const cited = html.match(/<p [^>]*class="cited"[^>]*>/g) ?? [];
    expect(cited).toEqual(['<p id="L591" data-line-start="591" data-line-end="591" class="cited" tabindex="-1">']);
    expect(html).toContain(`<mark>${LAESEHESTENE_QUOTE}</mark>`);
  });

  it('serves /admin as a shell under the page CSP: the figures come from the admin API, with the token', async () => {
    const app = await testApp();
    const res = await app.request('/admin');
    expect(res.status).toBe(200);
    expectStrictCsp(res);
    const html = await res.text();
    expect(html).toContain('<script src="/admin.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/admin.css">');
    expect(html).toContain('<input id="token" name="token" type="password" autocomplete="off" required>');
    for (const [path, type] of [
      ['/admin.js', 'text/javascript; charset=utf-8'],
      ['/admin.css', 'text/css; charset=utf-8'],
    ]) {
      const file = await app.request(path);
      expect([file.status, file.headers.get('content-type')]).toEqual([200, type]);
    }
  });

  it('shows a case without the header lines, the title line and the contact block its facts and cards already show', async () => {
    const app = await testApp();
    const html = await (await app.request('/cases/laesehestene')).text();
    const text = (html.split('<article')[1] ?? '').replace(/<[^>]+>/g, '\n');
    expect(text).not.toMatch(/INDSTILLER:|MÅLGRUPPE:|ÅRSTAL:/);
    expect(text.split('\n').filter((l) => l.trim() === 'Læsehestene')).toEqual(['Læsehestene']); // the heading only
    expect(text).not.toContain('✉️');
    expect(html).toContain('<dt>Indstillet af</dt><dd>Lejre Kommune</dd>');
    expect(html).toContain('<dt>Målgruppe</dt><dd>Børn i alderen 2-6 år</dd>');
    expect(html).toContain('<dt>År</dt><dd>2018</dd>');
    expect(html.match(/<li id="L\d+" class="contact">/g)).toHaveLength(2);
    // a short case's organisation line in capitals is in the facts table; a "FAKTA:" paragraph is text
    const short = await (await app.request('/cases/nattevaerter-skaber-positiv-stemning-i-nattelivet')).text();
    expect(short).not.toContain('>KØBENHAVNS KOMMUNE<');
    expect(short).toContain('<dt>Organisationer</dt><dd>Københavns Kommune</dd>');
    const article = await (await app.request('/cases/hjem-til-alle-alliancen')).text();
    expect(article).toContain('FAKTA: Hvad betyder innovation?');
  });

  it('marks the contact card a contact answer cites', async () => {
    const app = await testApp();
    const answer = (await (
      await app.request('/api/ask', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ question: 'Hvem kan jeg kontakte om Læsehestene?' }),
      })
    ).json()) as { citations: Array<{ caseId: string; quote: string }> };
    const cite = answer.citations.find((c) => c.caseId === 'laesehestene')!;
    const html = await (await app.request(`/cases/laesehestene?q=${encodeURIComponent(cite.quote)}`)).text();
    expect(html.match(/class="[^"]*cited[^"]*"/g)).toEqual(['class="contact cited"']);
  });

  it('answers an unknown case with a 404 HTML page', async () => {
    const app = await testApp();
    const res = await app.request('/cases/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expectStrictCsp(res);
    expect(await res.text()).toContain('<h1>Casen findes ikke</h1>');
  });

  it('answers a case-list filter of 201 characters with a 400 HTML page', async () => {
    const app = await testApp();
    const res = await app.request(`/cases?q=${'a'.repeat(201)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<h1>Ugyldig søgning</h1>');
  });

  it('shows the widget demo with the options of its form, and refuses bad ones with a 400 HTML page', async () => {
    const app = await testApp();
    const html = await (
      await app.request(
        `/widget-demo?title=Sp%C3%B8rg+os&color=%23aa3300&position=bottom-left&examples=${encodeURIComponent('Hvad gør Lejre?\r\nHvem står bag?')}`,
      )
    ).text();
    expect(html).toContain(
      '<casechat-chat mode="floating" id="preview" data-title="Spørg os" data-color="#aa3300" data-position="bottom-left" data-lang="da" data-examples="Hvad gør Lejre?|Hvem står bag?">',
    );
    for (const query of ['color=red', 'position=top', `title=${'x'.repeat(81)}`, 'examples=a%7Cb', 'title=%20']) {
      const res = await app.request(`/widget-demo?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text()).toContain('<h1>Ugyldige indstillinger</h1>');
    }
    const script = await app.request('/widget-demo.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('shows the embed snippet with the widget from the origin the demo was requested at', async () => {
    const app = await testApp();
    const html = await (await app.request('https://casechat.example.dk/widget-demo')).text();
    expect(html).toContain('&lt;script src=&quot;https://casechat.example.dk/widget.js&quot;');
    expect(html).toMatch(/<script src="\/widget\.js" defer[^>]*><\/script>/);
  });
});
