// Issue 16, the queue side of a whole shift, in real headless Chromium on a laptop and a phone:
// compact rows (ten or more on a laptop's screen), search and every filter kept in the address,
// the new-tip banner (translated, a link, dismissable), the handover page, a background tab that
// still polls (slower) and notifies with no tip text, the language switch with no English left
// in the Spanish interface, and axe-core with no serious or critical violation.
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { QueueItem } from '../../functions/core/operator-views';
import enCase from '../../web/ops/src/i18n/en-case.json';
import enShift from '../../web/ops/src/i18n/en-shift.json';
import en from '../../web/ops/src/i18n/en.json';
import esCase from '../../web/ops/src/i18n/es-case.json';
import esShift from '../../web/ops/src/i18n/es-shift.json';
import es from '../../web/ops/src/i18n/es.json';
import { call, postWebTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';
import { expectNoForeignRequestsOrProblems, screenshot, signIn, useBrowser, useWatchedPage, VIEWPORTS } from './browser';
import { seedCriticalTip } from './seed';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const browser = useBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const letters = (n: number): string => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const peruMobile = (): string => `+519${String(randomInt(10_000_000, 99_999_999))}`;
const shortId = (id: string): string => `${id.slice(0, 4)}…`;

/** Letters only (digits could be read as an ID number and redacted): none of these is urgent. */
const CALM = [
  'hola, cual es el horario de atencion',
  'quisiera saber como funciona esta linea',
  'buenas tardes, una consulta sobre el servicio',
  'gracias por la informacion de ayer',
  'me pueden explicar que hacen con los mensajes',
  'una pregunta sobre la confidencialidad',
  'saludos desde la oficina, era una prueba de lectura',
  'queria confirmar que reciben mensajes de noche',
  'hay atencion los domingos',
  'necesito el correo de la oficina central',
  'consulta general sin urgencia',
];

interface ShiftSeed {
  marker: string;
  /** A word only one tip carries. */
  unique: { word: string; tipId: string };
  web: string[];
  high: string;
  critical: string;
  all: QueueItem[];
}

async function queueIds(query: Record<string, string>): Promise<string[]> {
  const res = await call(stack, stack.operatorToken, 'GET', `/api/queue?${new URLSearchParams({ limit: '100', ...query })}`);
  if (res.status !== 200) throw new Error(`GET /api/queue answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { tips: QueueItem[] }).tips.map((t) => t.tipId);
}

/** Thirteen open tips behind one marker: three by the web form, ten SMS (one high, one critical). */
async function seedShift(label: string): Promise<ShiftSeed> {
  const marker = `turno${label}${letters(6)}`;
  const word = `unico${letters(7)}`;
  // The form allows 20 tips per sender in 10 minutes; this machine is the sender of every one.
  for (const text of CALM.slice(0, 3)) {
    const res = await postWebTip(stack, { text: `${marker} ${text}`, lang: 'es' });
    if (res.status !== 202) throw new Error(`web tip answered ${res.status}: ${await res.text()}`);
  }
  const sms = [
    ...CALM.slice(3).map((text, i) => (i === 0 ? `${marker} ${word} ${text}` : `${marker} ${text}`)),
    `${marker} a mi esposo el dueño del campamento le quito su dni y no lo deja salir`,
    `${marker} mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI`,
  ];
  for (const body of sms) {
    const res = await postSignedSms(stack, twilioWebhook({ From: peruMobile(), Body: body }));
    if (res.status !== 200) throw new Error(`SMS answered ${res.status}: ${await res.text()}`);
  }
  const all = await waitFor(
    async () => {
      const res = await call(stack, stack.operatorToken, 'GET', `/api/queue?limit=100&q=${marker}`);
      const tips = ((await res.json()) as { tips?: QueueItem[] }).tips ?? [];
      return tips.length === 13 ? tips : undefined;
    },
    { timeoutMs: 90_000, what: `the thirteen ${label} tips triaged and found by their marker` },
  );
  const one = (what: string, test: (t: QueueItem) => boolean) => {
    const tip = all.find(test);
    if (!tip) throw new Error(`no ${what} among ${JSON.stringify(all.map((t) => [t.level, t.channel, t.preview]))}`);
    return tip.tipId;
  };
  return {
    marker,
    unique: { word, tipId: one('tip with the unique word', (t) => t.preview.includes(word)) },
    web: all.filter((t) => t.channel === 'web').map((t) => t.tipId),
    high: one('high tip', (t) => t.level === 'high'),
    critical: one('critical tip', (t) => t.level === 'critical'),
    all,
  };
}

/** Tip ids of the rows on screen, in order. */
const shown = (page: Page) => page.locator('.queue-list li').evaluateAll((rows) => rows.map((li) => li.getAttribute('data-tip-id')));
const hashOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

async function openFilters(page: Page): Promise<void> {
  if ((await page.locator('details.more-filters[open]').count()) === 0) await page.click('details.more-filters summary');
}

/** The filter the address carries, as `query` states it. */
const addressSays = (page: Page, query: Record<string, string>) => {
  const said = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
  return Object.entries(query).every(([name, value]) => said.get(name) === value);
};

/**
 * Waits for the filter to be applied (the address says it: a row set can match before a search
 * goes out, on a queue of nothing but ours) and the rows to be what the API gives for `query`.
 */
async function expectRows(page: Page, query: Record<string, string>, expected?: string[]): Promise<void> {
  await expect.poll(() => addressSays(page, query), { timeout: 10_000, interval: 100 }).toBe(true);
  const ids = await queueIds(query);
  if (expected) expect([...ids].sort()).toEqual([...expected].sort());
  await expect.poll(() => shown(page), { timeout: 20_000, interval: 250 }).toEqual(ids);
}

/** Rows whose whole box is on the screen, inside the queue's own scrolling pane. */
const rowsOnScreen = (page: Page) =>
  page.locator('.queue-list li').evaluateAll((rows) => {
    const pane = rows[0].closest('.queue').getBoundingClientRect();
    const bottom = Math.min(rows[0].ownerDocument.defaultView.innerHeight, pane.bottom);
    return rows.filter((li) => {
      const box = li.getBoundingClientRect();
      return box.top >= pane.top && box.bottom <= bottom;
    }).length;
  });

/**
 * English words left in the Spanish interface: every English dictionary value that differs from
 * its Spanish one (cut at its {params}), looked for as whole words in the text, the labels, titles
 * and placeholders of `selector`, tipsters' words (previews) left out.
 */
async function englishLeft(page: Page, selector: string): Promise<string[]> {
  const spanish: Record<string, string> = { ...es, ...esShift, ...esCase };
  const english: Record<string, string> = { ...en, ...enShift, ...enCase };
  const phrases = new Set<string>(['Queue', 'Search', 'Filters', 'Unclaimed', 'Handover', 'Sign out', 'Dismiss', 'Print', 'Refresh', 'Nobody', 'Alerts']);
  for (const [key, value] of Object.entries(english)) {
    if (spanish[key] === value) continue;
    for (const piece of value.split(/\{\w+\}/)) {
      const trimmed = piece.replace(/^[\s·:,.()…-]+|[\s·:,.()…-]+$/g, '');
      if (trimmed.length >= 4 && /\p{L}{3}/u.test(trimmed) && !Object.values(spanish).some((s) => s.includes(trimmed))) phrases.add(trimmed);
    }
  }
  const text = await page.locator(selector).evaluateAll((els) =>
    els
      .map((el) => {
        const copy = el.cloneNode(true);
        for (const preview of copy.querySelectorAll('.preview')) preview.remove();
        const attributes = [...copy.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((n) =>
          ['aria-label', 'title', 'placeholder'].map((a) => n.getAttribute(a) ?? ''),
        );
        return [copy.textContent ?? '', ...attributes].join('\n');
      })
      .join('\n'),
  );
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...phrases].filter((phrase) => new RegExp(`(?<!\\p{L})${literal(phrase)}(?!\\p{L})`, 'u').test(text));
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  // The page's CSP refuses inline scripts; an evaluation from the test is not a page script.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) })))',
  )) as Array<{ id: string; impact: string; targets: string[] }>;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')}`);
}

describe.each(VIEWPORTS)('the queue through a shift on a $name ($width×$height)', (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);
  let seed: ShiftSeed;
  let claimed: string;

  it('shows compact rows, searches, filters by each field, and keeps the filters in the address', async () => {
    // Arrange: thirteen tips of ours, one of them claimed by the operator who signs in
    seed = await seedShift(viewport.name);
    claimed = seed.web[0]!;
    expect((await call(stack, stack.operatorToken, 'POST', `/api/tips/${claimed}/claim`)).status).toBe(200);
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-shift-${step}`);
    await signIn(page, origin, 'operator');
    await page.locator('.queue-state', { hasText: /\d/ }).waitFor();
    expect(await page.locator('.bar .pages a[data-nav="roster"]').count()).toBe(0);

    // Act + Assert: the search box narrows the queue to our marker, after a pause in typing
    await page.fill('input[name="q"]', seed.marker);
    await expectRows(
      page,
      { q: seed.marker },
      seed.all.map((t) => t.tipId),
    );
    expect(hashOf(page)).toBe(`#/?q=${seed.marker}`);

    // Compact: two lines a row (three on a phone), ten rows or more on a laptop's screen
    const heights = await page.locator('.queue-list li').evaluateAll((rows) => rows.map((li) => li.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThanOrEqual(viewport.name === 'laptop' ? 56 : 90);
    if (viewport.name === 'laptop') expect(await rowsOnScreen(page)).toBeGreaterThanOrEqual(10);
    const row = page.locator(`li[data-tip-id="${seed.critical}"]`);
    expect(await row.locator('.badge').textContent()).toContain('CRÍTICO');
    expect(await row.locator('.channel').textContent()).toBe('SMS');
    expect(await row.locator('.holder').textContent()).toBe('Sin asignar');
    expect(await page.locator(`li[data-tip-id="${claimed}"] .holder`).textContent()).toContain('Tomado por');
    expect(await page.locator(`li[data-tip-id="${claimed}"] .channel`).textContent()).toBe('Web');
    await shot('01-compact-rows');

    // A word only one tip says
    await page.fill('input[name="q"]', seed.unique.word);
    await expectRows(page, { q: seed.unique.word }, [seed.unique.tipId]);
    await page.fill('input[name="q"]', seed.marker);
    await expectRows(page, { q: seed.marker });

    // Level, channel, mine and unclaimed, region, dates, status: each against what the API gives
    await openFilters(page);
    await page.selectOption('select[name="level"]', 'high');
    await expectRows(page, { q: seed.marker, level: 'high' }, [seed.high]);
    expect(await page.textContent('details.more-filters summary')).toBe('Filtros (1)');
    await shot('02-filters');
    await page.selectOption('select[name="level"]', '');
    await page.selectOption('select[name="channel"]', 'web');
    await expectRows(page, { q: seed.marker, channel: 'web' }, seed.web);
    await page.selectOption('select[name="channel"]', '');
    await page.selectOption('select[name="claimed"]', 'mine');
    await expectRows(page, { q: seed.marker, claimed: 'mine' }, [claimed]);
    await page.selectOption('select[name="claimed"]', 'unclaimed');
    await expectRows(
      page,
      { q: seed.marker, claimed: 'unclaimed' },
      seed.all.map((t) => t.tipId).filter((id) => id !== claimed),
    );
    await page.selectOption('select[name="claimed"]', '');
    const region = seed.all.find((t) => t.tipId === seed.critical)!.region;
    expect(region).not.toBeNull();
    await page.fill('input[name="region"]', region!);
    await page.press('input[name="region"]', 'Enter');
    await expectRows(page, { q: seed.marker, region: region! });
    expect(await shown(page)).toContain(seed.critical);
    await page.fill('input[name="region"]', '');
    await page.press('input[name="region"]', 'Enter');
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.fill('input[name="from"]', tomorrow);
    await expectRows(page, { q: seed.marker, from: tomorrow }, []);
    await page.locator('.queue-empty', { hasText: 'No hay denuncias con estos filtros.' }).waitFor();
    await page.fill('input[name="from"]', today);
    await page.fill('input[name="to"]', today);
    await expectRows(
      page,
      { q: seed.marker, from: today, to: today },
      seed.all.map((t) => t.tipId),
    );
    await page.fill('input[name="from"]', '');
    await page.fill('input[name="to"]', '');
    await page.selectOption('select[name="status"]', 'closed');
    await expectRows(page, { q: seed.marker, status: 'closed' }, []);
    await page.selectOption('select[name="status"]', 'open');

    // A reload keeps the filters; opening a tip and going back keeps them too
    await page.selectOption('select[name="level"]', 'high');
    await expectRows(page, { q: seed.marker, level: 'high' });
    expect(hashOf(page)).toBe(`#/?level=high&q=${seed.marker}`);
    await page.reload();
    await page.locator('.bar .who').waitFor();
    await expectRows(page, { q: seed.marker, level: 'high' }, [seed.high]);
    expect(await page.inputValue('input[name="q"]')).toBe(seed.marker);
    expect(await page.textContent('details.more-filters summary')).toBe('Filtros (1)');
    await page.click(`li[data-tip-id="${seed.high}"] a.row`);
    await page.locator('#tip-title', { hasText: seed.high }).waitFor();
    expect(hashOf(page)).toBe(`#/tips/${seed.high}?level=high&q=${seed.marker}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => hashOf(page)).toBe(`#/?level=high&q=${seed.marker}`);
    await openFilters(page);
    await page.click('[data-action="clear-filters"]');
    await expect.poll(() => hashOf(page)).toBe('#/');
    expect(await page.inputValue('input[name="q"]')).toBe('');

    // The flags a row carries (set on the API's answer, as paging and merging would)
    await page.fill('input[name="q"]', seed.marker);
    await expectRows(page, { q: seed.marker });
    const [nobody, unanswered, duplicate] = [seed.critical, seed.high, seed.unique.tipId];
    await page.route('**/api/queue?*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { tips: QueueItem[] };
      for (const tip of body.tips) {
        if (tip.tipId === nobody) Object.assign(tip, { nobodyConfirmed: true, pageUnanswered: true });
        if (tip.tipId === unanswered) tip.pageUnanswered = true;
        if (tip.tipId === duplicate) tip.duplicateOf = { tipId: nobody, match: 'text' };
      }
      await route.fulfill({ response, json: body });
    });
    await page.locator(`li[data-tip-id="${nobody}"] [data-flag="nobody-confirmed"]`, { hasText: 'Nadie confirmó' }).waitFor();
    await page.locator(`li[data-tip-id="${unanswered}"] [data-flag="page-unanswered"]`, { hasText: 'Aviso sin respuesta' }).waitFor();
    const link = page.locator(`li[data-tip-id="${duplicate}"] .dup-link`);
    expect(await link.textContent()).toBe(`duplicado de ${shortId(nobody)}`);
    // A link by role: the row's own link stays the row's only anchor
    expect([await link.getAttribute('role'), await page.locator(`li[data-tip-id="${duplicate}"] a`).count()]).toEqual(['link', 1]);
    expect(await page.locator(`li[data-tip-id="${duplicate}"]`).evaluate((li) => li.getBoundingClientRect().height)).toBeLessThanOrEqual(
      viewport.name === 'laptop' ? 56 : 90,
    );
    await shot('03-flags');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.locator('#tip-title', { hasText: nobody }).waitFor();
    await page.unroute('**/api/queue?*');
    await page.keyboard.press('Escape');

    expectNoForeignRequestsOrProblems(watched, origin);
  });

  it('tells of a new critical tip in a banner: translated, a link to it, dismissable until a newer one', async () => {
    // Arrange: the plain queue, loaded (so what is there now is not news)
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-shift-${step}`);
    // An address with an empty filter clears the one the last test left
    const read = page.waitForResponse((response) => response.url().includes('/api/queue') && !response.url().includes('q='));
    await page.goto(`${origin}/ops/#/?`);
    await read;
    await page.locator('.bar .who').waitFor();
    const banner = page.locator('.new-tips');
    expect(await banner.isVisible()).toBe(false);

    // Act: a critical tip arrives
    const first = await seedCriticalTip(stack, `${viewport.name}banner`);

    // Assert: the banner names its code and region (never its text), and so does the live region
    const text = new RegExp(`^Nueva denuncia CRÍTICA ${shortId(first.tipId)} · \\S`);
    await banner.locator('a', { hasText: text }).waitFor();
    expect(await page.locator('[data-live="new-tips"]').textContent()).toMatch(text);
    expect(await banner.textContent()).not.toContain(first.marker);
    await shot('04-banner');
    await page.click('.bar nav button[lang="en"]');
    await banner.locator('a', { hasText: `New CRITICAL tip ${shortId(first.tipId)}` }).waitFor();
    expect(await banner.locator('button').getAttribute('aria-label')).toBe('Dismiss this alert');
    await page.click('.bar nav button[lang="es"]');
    await banner.locator('a', { hasText: text }).waitFor();

    // A click opens the tip, which is then no longer news
    await banner.locator('a').click();
    await page.locator('#tip-title', { hasText: first.tipId }).waitFor();
    await banner.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');

    // Dismissed, it stays away through later polls, and comes back for a newer tip only
    const second = await seedCriticalTip(stack, `${viewport.name}dismiss`);
    await banner.locator('a', { hasText: shortId(second.tipId) }).waitFor();
    expect(await banner.locator('button').getAttribute('aria-label')).toBe('Cerrar este aviso');
    await banner.locator('[data-action="new-tips-dismiss"]').click();
    await banner.waitFor({ state: 'hidden' });
    let polls = 0;
    const count = (request: { url(): string }) => {
      if (request.url().includes('/api/queue')) polls += 1;
    };
    page.on('requestfinished', count);
    await waitFor(() => polls >= 2, { timeoutMs: 30_000, what: 'two more polls of the queue' });
    page.off('requestfinished', count);
    expect(await banner.isVisible()).toBe(false);
    const third = await seedCriticalTip(stack, `${viewport.name}newer`);
    await banner.locator('a', { hasText: `Nueva denuncia CRÍTICA ${shortId(third.tipId)}` }).waitFor();
    expect(await banner.textContent()).not.toContain(shortId(second.tipId));
    await shot('05-banner-again');
    await banner.locator('[data-action="new-tips-dismiss"]').click();

    expectNoForeignRequestsOrProblems(watched, origin);
  });

  it('shows the handover, prints it, speaks English on request and no English in Spanish, and passes axe', async () => {
    // Arrange
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-shift-${step}`);
    // An address with an empty filter clears the one the last test left
    await page.goto(`${origin}/ops/#/?`);
    await page.locator('.queue-state', { hasText: /\d/ }).waitFor();

    // Act: the handover from the top bar
    await page.click('.bar .pages a[data-nav="handover"]');
    await page.locator('.handover-state', { hasText: /\d/ }).waitFor();
    expect(hashOf(page)).toBe('#/handover');
    expect(await page.locator('.queue').isVisible()).toBe(false);

    // Assert: the counts are the API's, each tip a link, who holds what
    const res = await call(stack, stack.operatorToken, 'GET', '/api/handover');
    const handover = (await res.json()) as { open: Record<string, number> };
    for (const level of ['critical', 'high', 'medium', 'low']) {
      expect(Number(await page.textContent(`.handover-counts [data-count="${level}"]`)), level).toBe(handover.open[level]);
    }
    await page.locator(`[data-part="unclaimed-critical"] li[data-tip-id="${seed.critical}"] a`).waitFor();
    const mine = page.locator('.handover-person', { has: page.locator(`li[data-tip-id="${claimed}"]`) });
    expect(await mine.locator('h4').textContent()).toMatch(/^Olga .+ \(\d+\)$/);
    await shot('06-handover');
    expect(await axeViolations(page)).toEqual([]);
    expect(await englishLeft(page, '.bar, .handover')).toEqual([]);

    // On paper: the handover without the bar
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.bar').isVisible()).toBe(false);
    expect(await page.locator('.handover').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // A tip in it opens
    await page.click(`[data-part="unclaimed-critical"] li[data-tip-id="${seed.critical}"] a`);
    await page.locator('#tip-title', { hasText: seed.critical }).waitFor();
    await page.click('.bar .pages a[data-nav="handover"]');
    await page.locator('.handover-state', { hasText: /\d/ }).waitFor();

    // English on request, then Spanish again with nothing English left
    await page.click('.bar nav button[lang="en"]');
    await page.locator('#handover-title', { hasText: 'Shift handover' }).waitFor();
    expect(await page.textContent('.bar .pages')).toContain('Handover');
    await page.click('.bar .pages a[data-nav="queue"]');
    await page.locator('#queue-title', { hasText: 'Queue' }).waitFor();
    expect(await page.getAttribute('input[name="q"]', 'placeholder')).toBe('Search the tips…');
    await page.click('.bar nav button[lang="es"]');
    await page.locator('#queue-title', { hasText: 'Cola' }).waitFor();
    await page.fill('input[name="q"]', seed.marker);
    await expectRows(page, { q: seed.marker });
    await openFilters(page);
    await page.click('details.alerts summary');
    await shot('07-queue-tools');
    expect(await englishLeft(page, '.bar, .new-tips, .queue')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('details.alerts summary');
    await page.click('details.more-filters summary');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.bar .pages a[data-nav="handover"]');
    await page.locator('.handover-state', { hasText: /\d/ }).waitFor();
    expect(await englishLeft(page, '.bar, .handover')).toEqual([]);

    expectNoForeignRequestsOrProblems(watched, origin);
  });

  it('gives a supervisor the roster ("Guardias") in the top bar', async () => {
    const watched = watchedPage();
    const { page } = watched;
    await signIn(page, origin, 'supervisor');
    await page.click('.bar .pages a[data-nav="roster"]');
    expect(await page.textContent('.bar .pages a[data-nav="roster"]')).toBe('Guardias');
    await expect.poll(() => hashOf(page)).toBe('#/roster');
    await page.locator('.page-roster').waitFor();
    expect(await page.locator('.queue').isVisible()).toBe(false);
    await page.click('.bar .pages a[data-nav="queue"]');
    await page.locator('.queue').waitFor();
    expectNoForeignRequestsOrProblems(watched, origin);
  });
});

/**
 * Run in the page before its own scripts: records what would be notified and played, and hands
 * the page's visibility to the test (a headless page is always visible).
 */
const RECORDER = `
  const __record = { notes: [], chimes: 0, asked: 0 };
  window.__record = __record;
  let hidden = false;
  window.__setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  class RecordedNotification extends EventTarget {
    static permission = 'default';
    static async requestPermission() {
      __record.asked += 1;
      RecordedNotification.permission = 'granted';
      return 'granted';
    }
    constructor(title, options = {}) {
      super();
      __record.notes.push({ title, body: options.body ?? null });
    }
    close() {}
  }
  const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} };
  class RecordedAudio {
    currentTime = 0;
    destination = {};
    async resume() {}
    createOscillator() {
      __record.chimes += 1;
      return { frequency: { value: 0 }, connect: (next) => next, start() {}, stop() {} };
    }
    createGain() {
      return { gain: param, connect: (next) => next };
    }
  }
  window.Notification = RecordedNotification;
  window.AudioContext = RecordedAudio;
`;

describe('a queue in a background tab', () => {
  const watchedPage = useWatchedPage(browser, VIEWPORTS[0]!);

  it('polls every 30 s instead of 5 while hidden, and then sounds and notifies a new critical tip with no tip text', async () => {
    // Arrange: the page's Notification and AudioContext recorded, its visibility in the test's hands
    const watched = watchedPage();
    const { page } = watched;
    await page.addInitScript({ content: RECORDER });
    const polls: number[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/queue')) polls.push(Date.now());
    });
    await signIn(page, origin, 'operator');
    await page.locator('.queue-state', { hasText: /\d/ }).waitFor();
    const record = async () =>
      (await page.evaluate('({ notes: __record.notes, chimes: __record.chimes, asked: __record.asked })')) as {
        notes: Array<{ title: string; body: string | null }>;
        chimes: number;
        asked: number;
      };

    // Off by default; nothing is asked of the browser until the operator turns it on
    await page.click('details.alerts summary');
    expect([await page.isChecked('#alert-sound'), await page.isChecked('#alert-notify')]).toEqual([false, false]);
    expect((await record()).asked).toBe(0);
    await page.check('#alert-sound');
    await page.check('#alert-notify');
    await expect.poll(async () => (await record()).asked).toBe(1);
    expect((await record()).chimes).toBeGreaterThan(0);
    expect(await page.evaluate('[sessionStorage.getItem("tipline.ops.sound"), sessionStorage.getItem("tipline.ops.notify")]')).toEqual(['on', 'on']);
    expect(await page.textContent('details.alerts summary')).toBe('Avisos (2)');
    await page.click('details.alerts summary');

    // Visible: every 5 s
    const seen = polls.length;
    await waitFor(() => polls.length >= seen + 2, { timeoutMs: 20_000, what: 'two polls while visible' });
    const visibleGap = polls.at(-1)! - polls.at(-2)!;
    expect(visibleGap).toBeGreaterThan(3_000);
    expect(visibleGap).toBeLessThan(9_000);

    // Act: the tab goes to the background, and a critical tip arrives meanwhile
    await waitFor(() => polls.length >= seen + 3, { timeoutMs: 20_000, what: 'a poll to have just gone out' });
    const hiddenAt = Date.now();
    await page.evaluate('__setHidden(true)');
    const before = (await record()).chimes;
    const critical = await seedCriticalTip(stack, 'background');

    // Assert: the next poll comes half a minute after hiding, not five seconds, and it notifies
    const notes = await waitFor(async () => ((await record()).notes.length > 0 ? (await record()).notes : undefined), {
      timeoutMs: 45_000,
      what: 'a desktop notification from the hidden tab',
    });
    const hiddenPolls = polls.filter((at) => at > hiddenAt + 500);
    expect(hiddenPolls.length).toBeGreaterThanOrEqual(1);
    expect(hiddenPolls[0]! - hiddenAt).toBeGreaterThan(25_000);
    expect(notes).toEqual([{ title: `Nueva denuncia CRÍTICA ${shortId(critical.tipId)}`, body: null }]);
    expect(JSON.stringify(notes)).not.toContain(critical.marker);
    expect((await record()).chimes).toBeGreaterThan(before);

    // Shown again: it catches up at once
    const shownAt = Date.now();
    await page.evaluate('__setHidden(false)');
    await waitFor(() => polls.some((at) => at >= shownAt), { timeoutMs: 3_000, what: 'a poll as soon as the tab shows' });

    expectNoForeignRequestsOrProblems(watched, origin);
  });
});
