/**
 * The widget in a real browser: headless Chromium on an "intranet" page of another origin
 * under a strict CSP, talking to the API through `startApi` (servers.ts).
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerPlacement, ARTIFACTS, ask, collectProblems, focusPlace, launchChromium, openWidget, waitForAnswer } from './browser.js';
import { startApi, startHost, type RunningServer } from './servers.js';

const HOMELESS = 'hvordan hjælper man hjemløse unge?';
const CONTACT = 'Hvem kan jeg kontakte om Hjem til Alle?';
const HOSTILE = '<img src=x onerror=alert(1)>';
const DESKTOP = { width: 1280, height: 800 };

let browser: Browser;
let api: RunningServer;
let intranet: RunningServer;
let cleanHost: RunningServer;
let foreignHost: RunningServer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Hosts first: the API must be told which of their origins it allows.
  intranet = await startHost({ api: () => api.url, aggressive: true });
  cleanHost = await startHost({ api: () => api.url, aggressive: false });
  foreignHost = await startHost({ api: () => api.url, aggressive: false });
  api = await startApi({ allowedOrigins: [intranet.url, cleanHost.url] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api, intranet, cleanHost, foreignHost].filter(Boolean).map((s) => s.close()));
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

/** Bodies of the POSTs to /api/ask/stream the page sends, in order. */
function askRequests(page: Page): Array<{ question?: string; conversationId?: string }> {
  const bodies: Array<{ question?: string; conversationId?: string }> = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/ask/stream') bodies.push(r.postDataJSON());
  });
  return bodies;
}

/** The conversationId from the `meta` event of a finished SSE response body. */
function metaConversationId(sse: string): string {
  const block = sse.split(/\r?\n\r?\n/).find((b) => /^event: ?meta$/m.test(b));
  const data = block?.split(/\r?\n/).find((l) => l.startsWith('data:'));
  if (!data) throw new Error(`no meta event in ${sse.slice(0, 200)}`);
  return JSON.parse(data.slice(5)).conversationId;
}

/** Records the answer bubble's text length on every DOM change while it is still streaming. */
async function recordStreaming(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const root = document.querySelector('casechat-chat')!.shadowRoot!;
    const seen: number[] = [];
    (window as unknown as { ccSeen: number[] }).ccSeen = seen;
    new MutationObserver(() => {
      const answers = root.querySelectorAll('.answer');
      const last = answers[answers.length - 1];
      if (last?.getAttribute('aria-busy') === 'true') seen.push(last.querySelector('.text')?.textContent?.length ?? 0);
    }).observe(root, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { ccSeen: number[] }).ccSeen);
}

describe('casechat widget in a real browser', () => {
  it('answers with citation links and one source card per cited case on an intranet page with a strict CSP', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    const text = await waitForAnswer(page, 1);
    expect(text.length).toBeGreaterThan(20);
    const cite = page.locator('casechat-chat .answer .text a.cite').first();
    expect(await cite.getAttribute('href')).toMatch(new RegExp(`^${api.url}/cases/[^?#/]+\\?q=[^#]+#c\\d+$`));
    expect(await cite.getAttribute('target')).toBe('_blank');
    expect(await cite.getAttribute('rel')).toBe('noopener');
    // each cited case once; the answer is made of the sentences it cites, so no card quotes them again
    const cited = await page
      .locator('casechat-chat .answer .text a.cite')
      .evaluateAll((els) => [...new Set(els.map((e) => new URL(e.getAttribute('href')!).pathname))]);
    expect(await page.locator('casechat-chat .answer .source').count()).toBe(cited.length);
    expect(await page.locator('casechat-chat .answer .source blockquote').count()).toBe(0);
    // The live region announces the finished answer.
    expect(await page.locator('casechat-chat [aria-live="polite"]').textContent()).toMatch(/^Nyt svar: \S/);
    await page.screenshot({ path: `${ARTIFACTS}widget-open-host.png` });
    expect(problems).toEqual([]);
  });

  it('shows the answer text while it is still streaming', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await openWidget(page);
    const seen = await recordStreaming(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    // Text was on screen before the `done` event: deltas are rendered as they arrive.
    // (Needs a server that flushes deltas over time, not all in one burst after composing.)
    expect((await seen()).filter((n) => n > 0).length).toBeGreaterThan(0);
  });

  it('opens the cited case page scrolled to the highlighted passage', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const [casePage] = await Promise.all([page.context().waitForEvent('page'), page.locator('casechat-chat .answer a.cite').first().click()]);
    const problems = collectProblems(casePage);
    await casePage.waitForLoadState('load');
    expect(new URL(casePage.url()).pathname).toMatch(/^\/cases\/[^/]+$/);
    const cited = casePage.locator('.cited').first();
    await cited.waitFor();
    // case.js scrolls the first cited paragraph into view and focuses it.
    await casePage.waitForFunction(() => document.activeElement?.classList.contains('cited') === true);
    await casePage.waitForFunction(() => {
      const box = document.querySelector('.cited')!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await casePage.locator('.cited').count()).toBeGreaterThan(0);
    expect(await cited.getAttribute('id')).toMatch(/^L\d+$/);
    await casePage.screenshot({ path: `${ARTIFACTS}case-page.png` });
    expect(problems).toEqual([]);
  });

  it('shows the contact details of a contact answer once: in the answer, not again as quotes or cards', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, CONTACT);
    await waitForAnswer(page, 1);
    const text = (await page.locator('casechat-chat .answer .text').innerText()).trim();
    const emails = text.match(/[^\s@·]+@[^\s@·]+\.[a-z]+/gi) ?? [];
    expect(emails.length).toBeGreaterThan(0);
    const everything = await page.locator('casechat-chat .answer').innerText();
    for (const e of emails) expect(everything.split(e).length - 1, e).toBe(1);
    expect(await page.locator('casechat-chat .answer .contact').count()).toBe(0);
    expect(await page.locator('casechat-chat .answer .source blockquote').count()).toBe(0);
  });

  it('shows contact cards, with mailto and tel links, for people a topic answer does not list', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const mail = page.locator('casechat-chat .answer .contact a[href^="mailto:"]').first();
    const email = (await mail.textContent())!.trim();
    expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
    expect(await mail.getAttribute('href')).toBe(`mailto:${email}`);
    expect(await page.locator('casechat-chat .answer .text').innerText()).not.toContain(email);
    const tels = page.locator('casechat-chat .answer .contact a[href^="tel:"]');
    for (const href of await tels.evaluateAll((els) => els.map((e) => e.getAttribute('href')!))) {
      expect(href).toMatch(/^tel:\+?\d+$/);
    }
  });

  it('folds a long organisation list of a source card: "A, B + N flere", expandable', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const folded = page.locator('casechat-chat .answer .source details.meta').first();
    const summary = (await folded.locator('summary').innerText()).trim();
    expect(summary).toMatch(/^[^,]+, [^,]+ \+ \d+ flere$/);
    const more = Number(/\+ (\d+) flere$/.exec(summary)![1]);
    expect(await folded.locator('p').isVisible()).toBe(false);
    await folded.locator('summary').click();
    const all = (await folded.locator('p').innerText()).split(', ');
    expect(all.length).toBe(more + 2);
  });

  it('scrolls a new answer so its first line is at the top of the log, and not while the user reads further up', async () => {
    const page = await newPage({ width: 1280, height: 640 });
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    await ask(page, 'Hvordan kan biblioteker hjælpe børn med at læse?');
    await waitForAnswer(page, 2);
    const placed = await answerPlacement(page, 1);
    expect(placed.firstLineVisible).toBe(true);
    // a long answer is not scrolled past its first line to show its end
    if (placed.answerHeight > placed.logHeight) expect(Math.abs(placed.answerTop - placed.logTop)).toBeLessThan(16);

    // the user scrolls up to read the first answer while the next one is on its way: the log stays there
    await page.route(`${api.url}/api/ask/stream`, async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 600));
      await route.fulfill({ response });
    });
    await ask(page, 'Hvem kan jeg kontakte om det?');
    await page.evaluate(() => {
      document.querySelector('casechat-chat')!.shadowRoot!.querySelector('.log')!.scrollTop = 0;
    });
    await waitForAnswer(page, 3);
    expect(await page.evaluate(() => document.querySelector('casechat-chat')!.shadowRoot!.querySelector('.log')!.scrollTop)).toBe(0);
  });

  it('sends the conversationId of the first answer with a follow-up question', async () => {
    const page = await newPage();
    const bodies = askRequests(page);
    await page.goto(intranet.url);
    await openWidget(page);
    const firstResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ask/stream' && r.request().method() === 'POST');
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const conversationId = metaConversationId(await (await firstResponse).text());
    await ask(page, 'Hvem kan jeg kontakte om det?');
    await waitForAnswer(page, 2);
    expect(bodies).toEqual([{ question: HOMELESS }, { question: 'Hvem kan jeg kontakte om det?', conversationId }]);
  });

  it('shows a question with HTML in it as text and runs none of it', async () => {
    const page = await newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOSTILE);
    await waitForAnswer(page, 1);
    await page.waitForTimeout(300);
    expect(await page.locator('casechat-chat .msg.user').last().textContent()).toContain(HOSTILE);
    const images = await page.evaluate(() => ({
      inWidget: document.querySelector('casechat-chat')!.shadowRoot!.querySelectorAll('img').length,
      inPage: document.querySelectorAll('img').length,
    }));
    expect(images).toEqual({ inWidget: 0, inPage: 0 });
    expect(dialogs).toBe(0);
  });

  it("is not restyled by the host page's aggressive CSS", async () => {
    const measure = async (host: RunningServer) => {
      const page = await newPage();
      await page.goto(host.url);
      const launcher = page.locator('casechat-chat .launcher');
      const launcherBox = await launcher.boundingBox();
      const launcherStyle = await launcher.evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.fontSize, s.fontFamily, s.color, s.backgroundColor, s.borderRadius, s.paddingLeft, s.lineHeight, s.letterSpacing, s.textTransform, s.cursor];
      });
      await openWidget(page);
      const panelBox = await page.locator('casechat-chat .panel').boundingBox();
      const inputStyle = await page.locator('casechat-chat textarea').evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.fontSize, s.fontFamily, s.color, s.backgroundColor, s.letterSpacing, s.textTransform];
      });
      // Text that inherits (buttons don't: the UA resets their font), so leaks through the host show here.
      const textStyle = await page.locator('casechat-chat .head h2, casechat-chat .msg p').evaluateAll((els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return [s.fontSize, s.fontFamily, s.lineHeight, s.letterSpacing, s.wordSpacing, s.textTransform, s.color, box.width, box.height];
        }),
      );
      const pageFontSize = await page.locator('h1').evaluate((el) => getComputedStyle(el).fontSize);
      return { page, widget: { launcherBox, launcherStyle, panelBox, inputStyle, textStyle }, pageFontSize };
    };
    const clean = await measure(cleanHost);
    const hostile = await measure(intranet);
    expect(hostile.pageFontSize).toBe('40px'); // the hostile CSS is really in force on the page
    expect(clean.widget.launcherBox).not.toBeNull();
    expect(hostile.widget).toEqual(clean.widget);
  });

  it('shows a friendly message when the API refuses the page origin', async () => {
    const page = await newPage();
    const bodies = askRequests(page);
    await page.goto(foreignHost.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    // Whether the API refuses the preflight or answers the POST with a readable 403, the page
    // gets the same message (and the widget did try).
    expect(bodies).toEqual([{ question: HOMELESS }]);
    expect(await page.locator('casechat-chat .answer .error').textContent()).toBe('Chatten er ikke tilgængelig fra denne side.');
    expect(await page.locator('casechat-chat .answer .text').count()).toBe(0);
  });

  it('shows a friendly message when the network fails', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await openWidget(page);
    // The API server goes away after the widget has loaded.
    await page.route(`${api.url}/**`, (route) => route.abort('connectionrefused'));
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    expect(await page.locator('casechat-chat .answer .error').textContent()).toBe('Chatten kan ikke kontaktes lige nu. Tjek din forbindelse, og prøv igen.');
  });

  it('works with the keyboard alone: Tab, Enter to open and send, trapped Tab, Escape back to the launcher', async () => {
    const page = await newPage();
    await page.goto(intranet.url);
    await page.locator('casechat-chat .launcher').waitFor();
    let presses = 0;
    while ((await focusPlace(page)) !== 'launcher' && presses < 10) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(await focusPlace(page)).toBe('launcher');
    await page.keyboard.press('Enter');
    await page.locator('casechat-chat .panel').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.querySelector('casechat-chat')!.shadowRoot!.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type(HOMELESS);
    await page.keyboard.press('Enter');
    await waitForAnswer(page, 1);
    // Tab and Shift+Tab cycle inside the open panel, past the answer's links.
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press('Tab');
      expect(await focusPlace(page)).toBe('panel');
    }
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusPlace(page)).toBe('panel');
    }
    await page.keyboard.press('Escape');
    await page.locator('casechat-chat .panel').waitFor({ state: 'hidden' });
    expect(await focusPlace(page)).toBe('launcher');
    expect(await page.locator('casechat-chat .launcher').getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps the conversation across a reload (sessionStorage)', async () => {
    const page = await newPage();
    const bodies = askRequests(page);
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    const before = await waitForAnswer(page, 1);
    await page.reload();
    // The panel was open, so it is open again, with the same turns.
    await page.locator('casechat-chat .panel').waitFor({ state: 'visible' });
    expect(await page.locator('casechat-chat .msg.user').allTextContents()).toEqual([`Du spurgte${HOMELESS}`]);
    expect(await page.locator('casechat-chat .answer').first().innerText()).toBe(before);
    await ask(page, 'Og hvem kan jeg kontakte?');
    await waitForAnswer(page, 2);
    expect(bodies[1]?.conversationId).toEqual(expect.any(String));
  });

  it('clears the conversation with "Ny samtale"', async () => {
    const page = await newPage();
    const bodies = askRequests(page);
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    await page.locator('casechat-chat button.reset', { hasText: 'Ny samtale' }).click();
    expect(await page.locator('casechat-chat .msg.user').count()).toBe(0);
    expect(await page.locator('casechat-chat .examples button').count()).toBeGreaterThan(0);
    await page.reload();
    await page.locator('casechat-chat .panel').waitFor({ state: 'visible' });
    expect(await page.locator('casechat-chat .answer').count()).toBe(0);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    expect(bodies).toEqual([{ question: HOMELESS }, { question: HOMELESS }]);
  });

  it('fills a 360 px wide screen', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(intranet.url);
    await openWidget(page);
    const panel = await page.locator('casechat-chat .panel').boundingBox();
    expect(panel).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    const input = await page.locator('casechat-chat textarea').boundingBox();
    expect(input!.x).toBeGreaterThanOrEqual(0);
    expect(input!.x + input!.width).toBeLessThanOrEqual(360);
    expect(input!.y + input!.height).toBeLessThanOrEqual(740);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const scrollWidth = await page.locator('casechat-chat .log').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(scrollWidth).toBe(0); // nothing overflows sideways
    await page.screenshot({ path: `${ARTIFACTS}widget-360.png` });
  });

  it('takes data-position, data-open, data-lang and data-color from the script tag, and registers once', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(`${intranet.url}/?position=bottom-left&open=true&lang=en&color=%23ffd84d&twice=1`);
    await page.locator('casechat-chat .panel').waitFor({ state: 'visible' });
    expect(await page.locator('casechat-chat').count()).toBe(1);
    const launcher = (await page.locator('casechat-chat .launcher').boundingBox())!;
    expect(launcher.x).toBeLessThan(DESKTOP.width / 2);
    expect(await page.locator('casechat-chat button.reset').textContent()).toBe('New chat');
    // A light accent gets dark text, so it stays readable.
    expect(await page.locator('casechat-chat .launcher').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(17, 17, 17)');
    expect(problems).toEqual([]);
  });

  it('renders inline on the chat page with example questions, under the page CSP', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(api.url);
    await page.locator('casechat-chat[mode="inline"] .panel').waitFor({ state: 'visible' });
    expect(await page.locator('casechat-chat').count()).toBe(1);
    expect(await page.locator('casechat-chat .launcher').count()).toBe(0);
    const examples = page.locator('casechat-chat .examples button');
    expect(await examples.allTextContents()).toContain('Hvordan hjælper man hjemløse unge?');
    expect(await examples.count()).toBe(3);
    await examples.filter({ hasText: 'Hvordan hjælper man hjemløse unge?' }).click();
    await waitForAnswer(page, 1);
    expect(await page.locator('casechat-chat .answer a.cite').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}chat-page.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the embed snippet on the widget demo page and the floating widget itself', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(`${api.url}/widget-demo`);
    expect(await page.locator('pre.snippet').textContent()).toContain(`<script src="${api.url}/widget.js" defer`);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    expect(await page.locator('casechat-chat .answer a.cite').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
