/**
 * The pages in a real browser: headless Chromium against the real app on a loopback port. What a
 * reader sees: the chat page's answers in view, no page wider than a phone, the widget demo's
 * form, copy button and preview, and the case page opened from a citation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerPlacement, ARTIFACTS, ask, collectProblems, launchChromium, waitForAnswer } from './browser.js';
import { startApi, type RunningServer } from './servers.js';

const HOMELESS = 'hvordan hjælper man hjemløse unge?';

let browser: Browser;
let api: RunningServer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  api = await startApi({ allowedOrigins: [] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function newPage(viewport: { width: number; height: number }, permissions: string[] = []): Promise<Page> {
  const context = await browser.newContext({ viewport });
  if (permissions.length) await context.grantPermissions(permissions, { origin: api.url });
  contexts.push(context);
  return context.newPage();
}

/** How far the page scrolls sideways (0 when nothing is wider than the window). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('the pages at 360 px', () => {
  it.each(['/', '/cases', '/cases/hjem-til-alle', '/cases/laesehestene?q=L%C3%A6sehestene%20er%20et%20tiltag', '/docs', '/widget-demo'])(
    '%s does not scroll sideways',
    async (path) => {
      const page = await newPage({ width: 360, height: 740 });
      const problems = collectProblems(page);
      await page.goto(`${api.url}${path}`);
      await page.waitForLoadState('load');
      expect(await sideways(page)).toBe(0);
      // nor does code or a table inside it: the snippet and the examples wrap
      expect(await page.evaluate(() => [...document.querySelectorAll('pre, .table-scroll')].filter((el) => el.scrollWidth > el.clientWidth).length)).toBe(0);
      expect(problems).toEqual([]);
    },
  );

  it('keeps the organisation filter of /cases inside the screen', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${api.url}/cases`);
    const box = (await page.locator('#org').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  });
});

describe('the chat page', () => {
  it.each([
    [390, 844],
    [1280, 800],
  ])('shows the first line of an answer in the log at %i px', async (width, height) => {
    const page = await newPage({ width, height });
    const problems = collectProblems(page);
    await page.goto(api.url);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    expect((await answerPlacement(page, 0)).firstLineVisible).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}chat-${width}.png` });
    // a second question: its answer's first line is in view, not the end of its cards
    await ask(page, 'Hvem kan jeg kontakte om det?');
    await waitForAnswer(page, 2);
    expect((await answerPlacement(page, 1)).firstLineVisible).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}chat-${width}-followup.png` });
    expect(await sideways(page)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('opens the case page of a citation with the cited sentence marked and in view', async () => {
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(api.url);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const cite = page.locator('casechat-chat .answer .text a.cite').first();
    const quote = new URL((await cite.getAttribute('href'))!).searchParams.get('q')!;
    const [casePage] = await Promise.all([page.context().waitForEvent('page'), cite.click()]);
    const problems = collectProblems(casePage);
    await casePage.waitForLoadState('load');
    const mark = casePage.locator('.cited mark');
    expect(await mark.count()).toBe(1);
    expect((await mark.innerText()).replace(/\s+/g, ' ')).toBe(quote.replace(/\s+/g, ' '));
    await casePage.waitForFunction(() => {
      const box = document.querySelector('.cited mark')!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    // not the title line: the marked paragraph is not the first of the page
    expect(
      await casePage.locator('.cited').evaluate((el) => el.previousElementSibling !== null || el.closest('section')!.previousElementSibling?.tagName !== 'DL'),
    ).toBe(true);
    await casePage.screenshot({ path: `${ARTIFACTS}case-from-citation.png` });
    expect(problems).toEqual([]);
  });
});

describe('the widget demo', () => {
  it('updates the snippet and the preview as the form changes', async () => {
    const page = await newPage({ width: 1280, height: 800 });
    const problems = collectProblems(page);
    await page.goto(`${api.url}/widget-demo`);
    await page.locator('#demo-title').fill('Spørg "biblioteket"');
    await page.locator('#demo-color').fill('#aa3300');
    await page.locator('#demo-position').selectOption('bottom-left');
    await page.locator('#demo-examples').fill('Hvad gør Lejre?\nHvem står bag?');
    const snippet = await page.locator('#snippet').innerText();
    expect(snippet).toBe(
      `<script src="${api.url}/widget.js" defer\n  data-title="Spørg &quot;biblioteket&quot;"\n  data-color="#aa3300"\n  data-position="bottom-left"\n  data-lang="da"\n  data-examples="Hvad gør Lejre?|Hvem står bag?"></script>`,
    );
    // the preview is the widget made with the same options: on the left, with the title and colour chosen
    const launcher = (await page.locator('#preview .launcher').boundingBox())!;
    expect(launcher.x).toBeLessThan(640);
    expect(await page.locator('#preview .launcher').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(170, 51, 0)');
    await page.locator('#preview .launcher').click();
    expect(await page.locator('#preview .head h2').innerText()).toBe('Spørg "biblioteket"');
    expect(await page.locator('#preview .examples button').allInnerTexts()).toEqual(['Hvad gør Lejre?', 'Hvem står bag?']);
    expect(await page.locator('casechat-chat').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('copies the snippet with the copy button', async () => {
    const page = await newPage({ width: 1280, height: 800 }, ['clipboard-read', 'clipboard-write']);
    await page.goto(`${api.url}/widget-demo`);
    await page.locator('#demo-title').fill('Intranettets chat');
    await page.locator('#copy').click();
    await page.locator('#copied', { hasText: 'Koden er kopieret.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('#snippet').innerText());
    expect(copied).toContain('data-title="Intranettets chat"');
  });
});
