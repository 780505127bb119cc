/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by
 * playwright-core (no browser download), plus helpers that reach into the widget's
 * open shadow root.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Screenshots for people to look at (gitignored). */
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** New pages, each in a context of its own (its own sessionStorage), all closed by `closeAll` (afterEach). */
export function pageFactory(browser: () => Browser) {
  const contexts: BrowserContext[] = [];
  return {
    async newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
      const context = await browser().newContext({ viewport });
      contexts.push(context);
      return context.newPage();
    },
    closeAll: () => Promise.all(contexts.splice(0).map((c) => c.close())),
  };
}

/** Console errors, uncaught exceptions and CSP violations seen on a page. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Opens the floating panel with the launcher and waits until it is shown. */
export async function openWidget(page: Page): Promise<void> {
  await page.locator('casechat-chat .launcher').click();
  await page.locator('casechat-chat .panel').waitFor({ state: 'visible' });
}

/** Types a question into the widget and sends it with Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  const input = page.locator('casechat-chat textarea');
  await input.fill(question);
  await input.press('Enter');
}

/**
 * Waits until the widget shows `count` answers and the last one has finished streaming
 * (aria-busy="false"); returns the last answer's text.
 */
export async function waitForAnswer(page: Page, count: number): Promise<string> {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector('casechat-chat')?.shadowRoot;
      const answers = root ? root.querySelectorAll('.answer') : [];
      return answers.length === n && answers[n - 1].getAttribute('aria-busy') === 'false';
    },
    count,
    { timeout: 30_000 },
  );
  return page
    .locator('casechat-chat .answer')
    .nth(count - 1)
    .innerText();
}

/** Where focus is: 'launcher', 'panel' (inside the panel), or 'outside'. */
export async function focusPlace(page: Page): Promise<'launcher' | 'panel' | 'outside'> {
  return page.evaluate(() => {
    const host = document.activeElement;
    if (host?.tagName !== 'CASECHAT-CHAT' || !host.shadowRoot) return 'outside';
    const inner = host.shadowRoot.activeElement;
    if (inner?.classList.contains('launcher')) return 'launcher';
    return inner && host.shadowRoot.querySelector('.panel')?.contains(inner) ? 'panel' : 'outside';
  });
}

/** Where answer `n` (0-based) of the widget stands in its log, in px of the viewport. */
export interface AnswerPlacement {
  logTop: number;
  logHeight: number;
  answerTop: number;
  answerHeight: number;
  /** Whether the answer's first line of text lies inside the visible part of the log. */
  firstLineVisible: boolean;
}

export async function answerPlacement(page: Page, n: number): Promise<AnswerPlacement> {
  return page.evaluate((i) => {
    const root = document.querySelector('casechat-chat')!.shadowRoot!;
    const log = root.querySelector('.log')!.getBoundingClientRect();
    const answer = root.querySelectorAll('.answer')[i]!;
    const box = answer.getBoundingClientRect();
    const first = (answer.querySelector('.text p, .text li') ?? answer).getBoundingClientRect();
    const lineHeight = parseFloat(getComputedStyle(answer).lineHeight) || 20;
    return {
      logTop: log.top,
      logHeight: log.height,
      answerTop: box.top,
      answerHeight: box.height,
      firstLineVisible: first.top >= log.top - 1 && first.top + lineHeight <= log.bottom + 1,
    };
  }, n);
}
