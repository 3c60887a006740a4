// Issue 12 in the browser, on a laptop and on a phone: the supervisor's agreement report. Two
// tips are closed after an operator raised one and lowered the other; the supervisor opens the
// report above the queue and reads, per scorer level and per language, the same counts the API
// gives, with the two new disagreements in them and no word of any tip. An operator does not
// get the section at all. Screenshots go to test-results/e2e/.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { expectNoForeignRequestsOrProblems, screenshot, signIn, useBrowser, useWatchedPage, VIEWPORTS } from './browser';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;
const browser = useBrowser();

interface Counts {
  reviewed: number;
  raised: number;
  lowered: number;
}
interface Report {
  byLevel: Array<{ level: string } & Counts>;
  byLang: Array<{ lang: string } & Counts>;
  total: Counts;
}

async function report(): Promise<Report> {
  const res = await call(stack, supervisor, 'GET', '/api/reports/agreement');
  if (res.status !== 200) throw new Error(`GET /api/reports/agreement answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Report;
}

async function ok(path: string, body: unknown): Promise<void> {
  const res = await call(stack, operator, 'POST', path, body);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
}

/** A tip by SMS, an operator's level on it, closed. */
async function reviewed(marker: string, from: string, text: string, level: string): Promise<{ tipId: string; scoredLevel: string }> {
  await postSignedSms(stack, twilioWebhook({ From: from, Body: `${marker} ${text}` }));
  const tip = await queuedTip(stack, (t) => t.preview.startsWith(marker), { timeoutMs: 60_000, what: `the tip "${marker}"` });
  await ok(`/api/tips/${tip.tipId}/level`, { level, reason: `${marker} razon del operador` });
  await ok(`/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'other' });
  return { tipId: tip.tipId, scoredLevel: tip.level };
}

/** The figures the page shows: per row key ("level:low", "lang:es", "total"), its three counts. */
const tableOf = (page: Page) =>
  page.locator('.agreement table tr[data-level], .agreement table tr[data-lang], .agreement table tr[data-total]').evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((tr) => {
        const key = tr.hasAttribute('data-level')
          ? `level:${tr.getAttribute('data-level')}`
          : tr.hasAttribute('data-lang')
            ? `lang:${tr.getAttribute('data-lang')}`
            : 'total';
        const count = (name: string) => Number(tr.querySelector(`td[data-count="${name}"]`)?.textContent);
        return [key, { reviewed: count('reviewed'), raised: count('raised'), lowered: count('lowered') }];
      }),
    ),
  );

const asTable = (r: Report): Record<string, Counts> => ({
  ...Object.fromEntries(r.byLevel.map(({ level, ...counts }) => [`level:${level}`, counts])),
  ...Object.fromEntries(r.byLang.map(({ lang, ...counts }) => [`lang:${lang}`, counts])),
  total: r.total,
});

describe.each(VIEWPORTS)('the agreement report on a $name ($width×$height)', (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);

  it('shows the supervisor the counts of raised and lowered tips per level and language, and nothing to an operator', async () => {
    // Arrange: a low tip raised to medium, a high tip lowered to medium, both closed
    const before = await report();
    const marker = `acuerdo${viewport.name}`;
    const [upFrom, downFrom] = viewport.mobile ? ['+51955300001', '+51955300002'] : ['+51955300011', '+51955300012'];
    const up = await reviewed(`${marker}sube`, upFrom, 'hola, cual es el horario de atencion?', 'medium');
    const down = await reviewed(`${marker}baja`, downFrom, 'a mi esposo le quitaron su dni en el campamento y no lo dejan salir', 'medium');
    expect([up.scoredLevel, down.scoredLevel]).toEqual(['low', 'high']);
    const after = await report();
    const delta = (key: string, r: Report) => asTable(r)[key]!;
    const low = delta('level:low', before);
    const high = delta('level:high', before);
    expect(delta('level:low', after)).toEqual({ ...low, reviewed: low.reviewed + 1, raised: low.raised + 1 });
    expect(delta('level:high', after)).toEqual({ ...high, reviewed: high.reviewed + 1, lowered: high.lowered + 1 });
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-${step}`);

    // Act: the supervisor signs in and opens the report
    await signIn(page, origin, 'supervisor');
    const toggle = page.locator('[data-action="agreement-toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await page.locator('.agreement table').waitFor();

    // Assert: the page shows what the API counts, every level and language, counts only
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.textContent('#agreement-title')).toBe('Acuerdo con el puntaje · últimos 30 días');
    expect(await tableOf(page)).toEqual(asTable(await report()));
    expect(Object.keys(await tableOf(page))).toEqual([
      'level:critical',
      'level:high',
      'level:medium',
      'level:low',
      'lang:es',
      'lang:en',
      'lang:qu',
      'lang:pt',
      'total',
    ]);
    expect(await page.textContent('.agreement tr[data-lang="qu"] th')).toBe('quechua');
    expect(await page.locator('.agreement tr[data-level="low"] td.raised').count()).toBe(1);
    const section = (await page.textContent('.agreement')) ?? '';
    for (const word of [marker, 'horario', 'esposo', 'razon']) expect(section).not.toContain(word);
    await shot('13-agreement');

    // English labels the same figures
    await page.click('.bar nav button[lang="en"]');
    await page.locator('#agreement-title', { hasText: 'Agreement with the scorer · last 30 days' }).waitFor();
    expect(await page.textContent('.agreement thead')).toContain('Raised (under-triage)');
    expect(await page.textContent('.agreement tr[data-lang="pt"] th')).toBe('Portuguese');
    await shot('14-agreement-english');
    await page.click('.bar nav button[lang="es"]');

    // An operator has no such section, and the API refuses them the report
    await signIn(page, origin, 'operator', 'Olga');
    // The queue has loaded (it may be empty: every tip here was closed)
    await page.locator('.queue-state', { hasText: /\d/ }).waitFor();
    expect(await page.locator('.agreement').count()).toBe(0);
    expect((await call(stack, operator, 'GET', '/api/reports/agreement')).status).toBe(403);

    expectNoForeignRequestsOrProblems(watched, origin);
  });
});
