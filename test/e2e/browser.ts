// Headless Chromium from the Debian package (playwright-core brings no browser of its own),
// and a watch on everything a page does that the test must be able to fail on.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.TIPLINE_CHROMIUM ?? '/usr/bin/chromium';
/** Where the screenshots of every step go. */
export const SHOTS = 'test-results/e2e';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Viewport {
  name: 'laptop' | 'phone';
  width: number;
  height: number;
  mobile: boolean;
}

export const VIEWPORTS: Viewport[] = [
  { name: 'laptop', width: 1366, height: 768, mobile: false },
  { name: 'phone', width: 360, height: 740, mobile: true },
];

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors, uncaught exceptions and failed requests. */
  problems: string[];
}

/** A fresh context and page at `viewport`, in Spanish-speaking Peru, JavaScript on unless said. */
export async function openPage(browser: Browser, viewport: Viewport, options: { javaScriptEnabled?: boolean } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.mobile,
    hasTouch: viewport.mobile,
    deviceScaleFactor: 1,
    locale: 'es-PE',
    timezoneId: 'America/Lima',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  // The machine is shared and slow; waits are on conditions, and this only bounds them.
  page.setDefaultTimeout(30_000);
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, requests, problems };
}

/** One Chromium for the test file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll: use it inside a test or a hook');
    return browser;
  };
}

/** A watched page at `viewport` for the enclosing describe block, opened before its tests and closed after them. */
export function useWatchedPage(browser: () => Browser, viewport: Viewport): () => WatchedPage {
  let watched: WatchedPage | undefined;
  beforeAll(async () => {
    watched = await openPage(browser(), viewport);
  });
  afterAll(async () => {
    await watched?.context.close();
  });
  return () => {
    if (!watched) throw new Error('the page is opened in beforeAll: use it inside a test or a hook');
    return watched;
  };
}

/** A full-page screenshot in SHOTS. */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** Signs in as a demo user through the local issuer's link and waits for the dashboard's header to say who. */
export async function signIn(page: Page, origin: string, user: string, who?: string): Promise<void> {
  await page.goto(`${origin}/local/sign-in?as=${user}`);
  await page.locator('.bar .who', who ? { hasText: who } : {}).waitFor();
}

/** Requests that left for another origin than `origin`. */
export const foreignRequests = (requests: readonly string[], origin: string): string[] => requests.filter((url) => new URL(url).origin !== origin);

/** Nothing left the stack's origin, and nothing went wrong in the page. */
export function expectNoForeignRequestsOrProblems(watched: WatchedPage, origin: string): void {
  expect(foreignRequests(watched.requests, origin)).toEqual([]);
  expect(watched.problems).toEqual([]);
}
