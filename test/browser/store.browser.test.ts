/**
 * Feedback and the admin page in a real browser: headless Chromium against the real app with a
 * real SQLite store; the widget on an "intranet" page of another origin under a strict CSP.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { tempStore } from '../app.js';
import { ARTIFACTS, ask, collectProblems, launchChromium, openWidget, pageFactory, waitForAnswer } from './browser.js';
import { startApi, startHost, type RunningServer } from './servers.js';

const TOKEN = 'browser-admin-token-0123456789';
const HOMELESS = 'hvordan hjælper man hjemløse unge?';

let browser: Browser;
let api: RunningServer;
let intranet: RunningServer;
let store: Store;
const { newPage, closeAll } = pageFactory(() => browser);

beforeAll(async () => {
  store = await tempStore();
  intranet = await startHost({ api: () => api.url, aggressive: false });
  api = await startApi({ allowedOrigins: [intranet.url], store, adminToken: TOKEN });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api, intranet].filter(Boolean).map((s) => s.close()));
  await store?.close();
});

afterEach(closeAll);

/** The stored rating and comment of the answer with this id. */
async function stored(answerId: string) {
  const row = (await store.questions.between(Date.now() - 600_000, Date.now() + 1)).find((r) => r.answerId === answerId);
  return row ? [row.rating, row.comment] : null;
}

/** The answerId the last streamed answer carried, as the widget keeps it. */
async function lastAnswerId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const chat = document.querySelector('casechat-chat') as unknown as { state: { turns: Array<{ answerId?: string }> } };
    return chat.state.turns.at(-1)!.answerId!;
  });
}

describe('feedback in the widget', () => {
  it('rates an answer down with a comment, then up, on an intranet page with a strict CSP', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(intranet.url);
    await openWidget(page);
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const answerId = await lastAnswerId(page);

    const group = page.locator('casechat-chat .answer [role="group"][aria-label="Var svaret nyttigt?"]');
    const up = group.getByRole('button', { name: 'Godt svar' });
    const down = group.getByRole('button', { name: 'Dårligt svar' });
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);
    const comment = group.getByRole('textbox', { name: 'Hvad manglede? (valgfrit)' });
    expect(await comment.isVisible()).toBe(false);

    await down.click();
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'true']);
    // the comment field appears and has the focus
    await expect
      .poll(() => comment.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el))
      .toBe(true);
    await expect.poll(() => stored(answerId)).toEqual(['down', null]);
    await comment.fill('Kontaktpersonen i Aarhus mangler');
    await comment.press('Enter');
    await expect.poll(() => stored(answerId)).toEqual(['down', 'Kontaktpersonen i Aarhus mangler']);
    expect(await page.locator('casechat-chat [aria-live="polite"]').textContent()).toBe('Tak for din vurdering.');
    expect(await comment.isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}widget-feedback.png` });

    await up.click();
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['true', 'false']);
    await expect.poll(() => stored(answerId)).toEqual(['up', null]);

    // the rating shown survives a reload (sessionStorage)
    await page.reload();
    await page.locator('casechat-chat .answer').first().waitFor();
    expect(await page.locator('casechat-chat .answer').getByRole('button', { name: 'Godt svar' }).getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
  });

  it('offers the same buttons under each answer on the chat page, reachable with the keyboard', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(api.url + '/');
    await ask(page, HOMELESS);
    await waitForAnswer(page, 1);
    const answerId = await lastAnswerId(page);
    const up = page.locator('casechat-chat .answer').getByRole('button', { name: 'Godt svar' });
    await up.focus();
    await page.keyboard.press('Enter');
    expect(await up.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => stored(answerId)).toEqual(['up', null]);
    expect(problems).toEqual([]);
  });
});

describe('the admin page', () => {
  it('asks for the token once, keeps it in this tab only, and shows the figures as charts and tables', async () => {
    // what the page will show: answers, a gap asked twice, a thumbs down with a comment
    const post = (path: string, body: unknown) =>
      fetch(api.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const answered = (await post('/api/ask', { question: 'Hvem kan jeg kontakte om Læsehestene?' })) as { answerId: string };
    await post('/api/ask', { question: 'Hvordan laver man en rumraket af pap?' });
    await post('/api/ask', { question: 'Hvordan bygger man rumraketter af pap?' });
    await post('/api/feedback', { answerId: answered.answerId, rating: 'down', comment: 'Telefonnummeret <b>mangler</b>' });

    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(api.url + '/admin');
    const tokenField = page.getByLabel('Admin-token');
    await expect.poll(() => tokenField.evaluate((el) => el === document.activeElement)).toBe(true);

    await tokenField.fill('wrong-token-0123456789');
    await tokenField.press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toBe('Tokenet blev ikke godkendt. Skriv det igen.');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await tokenField.fill(TOKEN);
    await tokenField.press('Enter');
    await page.locator('#figures .totals').waitFor();
    expect(await page.evaluate(() => [sessionStorage.getItem('casechat:admin-token'), localStorage.length, document.cookie])).toEqual([TOKEN, 0, '']);
    expect(await page.locator('#figures .chart[role="img"]').count()).toBe(3);
    const gaps = page.getByRole('region', { name: 'Huller i samlingen, tabel', exact: true });
    expect(await gaps.locator('tbody tr').first().innerText()).toContain('Hvordan laver man en rumraket af pap?');
    expect(await gaps.locator('tbody tr').first().locator('td').nth(1).innerText()).toBe('2');
    const down = page.getByRole('region', { name: 'Svar med tommelfinger ned, tabel', exact: true });
    expect(await down.innerText()).toContain('Telefonnummeret <b>mangler</b>');
    expect(await down.locator('b').count()).toBe(0);
    expect(await down.getByRole('link', { name: 'Læsehestene' }).getAttribute('href')).toBe('/cases/laesehestene');
    await page.screenshot({ path: `${ARTIFACTS}admin-1280.png`, fullPage: true });

    // a reload keeps the token: no second question for it
    await page.reload();
    await page.locator('#figures .totals').waitFor();
    expect(await page.locator('#login').isHidden()).toBe(true);

    // another tab (another session) asks again
    const other = await newPage();
    await other.goto(api.url + '/admin');
    await other.getByLabel('Admin-token').waitFor();
    expect(await other.locator('#report').isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Log ud' }).click();
    expect(await page.evaluate(() => sessionStorage.getItem('casechat:admin-token'))).toBeNull();
    expect(await page.locator('#login').isVisible()).toBe(true);
    // the browser reports the refused wrong token, and nothing else
    expect(problems).toEqual([expect.stringContaining('the server responded with a status of 401 (Unauthorized)')]);
  });

  it('is readable at phone width: nothing scrolls sideways at 360 px', async () => {
    const page = await newPage({ width: 360, height: 740 });
    const problems = collectProblems(page);
    await page.goto(api.url + '/admin');
    await page.evaluate((t) => sessionStorage.setItem('casechat:admin-token', t), TOKEN);
    await page.reload();
    await page.locator('#figures .totals').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const chartWidth = await page
      .locator('#figures svg.chart')
      .first()
      .evaluate((el) => el.getBoundingClientRect().right);
    expect(chartWidth).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${ARTIFACTS}admin-360.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
