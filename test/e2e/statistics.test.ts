// The supervisors' statistics in headless Chromium on a laptop and on a phone, on a stack of its
// own whose clock moves a month ahead without disturbing the other files: tips sent this month
// (many about Madre de Dios, a few about Cusco and Puno), the clock moved past the month's end
// and its 7 settling days, the month published. The page shows exactly the API's figures, a
// suppressed one as a mark and never a value; the CSV download holds the API's rows; the printable
// report reads in Spanish and English and fits one A4 page; axe-core finds no serious or critical
// violation. Screenshots go to test-results/e2e/ (statistics-report-es.png and
// statistics-report-en.png are the printed report).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, publishableAt } from '../../functions/core/statistics/calendar';
import { FUNNEL_STAGES, type StatCell, type StatisticsExport } from '../../functions/core/statistics/model';
import { readLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';
import enCase from '../../web/ops/src/i18n/en-case.json';
import enStatistics from '../../web/ops/src/i18n/en-statistics.json';
import esCase from '../../web/ops/src/i18n/es-case.json';
import esStatistics from '../../web/ops/src/i18n/es-statistics.json';
import { ownPorts } from '../support/own-ports';
import { call, getQueue, postWebTip } from '../support/operator';
import { waitFor } from '../support/wait';
import { expectNoForeignRequestsOrProblems, openPage, screenshot, signIn, useBrowser, VIEWPORTS, type Viewport } from './browser';
import { seriousViolations } from './axe';

const browser = useBrowser();
const letters = (n: number): string => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const LEVELS = ['critical', 'high', 'medium', 'low'] as const;
/** A4 at 96 CSS pixels to the inch, as the printed report is laid out. */
const A4 = { width: 794, height: 1123 };

let own: LocalStack | undefined;
let dataDir = '';
let httpUrl = '';
/** The month the tips were sent in, and the API's answer once it is published. */
let month = '';
let published: StatisticsExport;

const token = (user: 'operator' | 'supervisor') => own!.identity.idToken(user);

async function getStatistics(query: string, user: 'operator' | 'supervisor' = 'supervisor'): Promise<Response> {
  return call({ httpUrl }, token(user), 'GET', `/api/statistics${query}`);
}

/** Web tips, each with a marker of its own (no two read as copies of one another), until all are triaged. */
async function sendTips(texts: string[]): Promise<void> {
  const markers = new Set<string>();
  for (const text of texts) {
    const marker = `estad${letters(24)}`;
    const res = await postWebTip({ httpUrl }, { text: `${marker} ${text}`, lang: 'es' });
    if (res.status !== 202) throw new Error(`web tip answered ${res.status}: ${await res.text()}`);
    markers.add(marker);
  }
  await waitFor(
    async () => {
      const queued = await getQueue({ httpUrl, operatorToken: token('operator') });
      return [...markers].every((marker) => queued.some((t) => t.preview.startsWith(marker)));
    },
    { what: `the ${markers.size} tips to be triaged`, timeoutMs: 120_000, intervalMs: 1_000 },
  );
}

/** Past the month's end and its settling days, a week at a time (the most the local clock moves at once). */
async function moveClockPast(instant: Date): Promise<void> {
  while (own!.clock.now() <= instant) {
    const minutes = Math.min(7 * 24 * 60, Math.ceil((instant.getTime() - own!.clock.now().getTime()) / 60_000) + 60);
    const res = await fetch(`${httpUrl}/local/clock?advanceMinutes=${minutes}`, { method: 'POST' });
    if (!res.ok) throw new Error(`moving the clock answered ${res.status}: ${await res.text()}`);
  }
}

const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

/** Nothing on the page is wider than the screen (a chart or a table may scroll inside its own region). */
async function expectNoSidewaysScroll(page: Page, viewport: Viewport): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(viewport.width);
}

/** One month's count as the API published it: undefined when not listed (0), null when suppressed. */
const countOf = (region: string, level: StatCell['level'], indicator?: StatCell['indicator']): number | null | undefined =>
  published.cells.find((c) => c.month === month && c.region === region && c.level === level && c.indicator === indicator && !c.channel && !c.language)?.count;
/** What a page says for one month's count: a single month's figure is never a bound. */
const figureIn = (words: { 'statistics.suppressed': string }, count: number | null | undefined): string =>
  count === null ? words['statistics.suppressed'] : String(count ?? 0);
const spanishFigure = (count: number | null | undefined): string => figureIn(esStatistics, count);

beforeAll(async () => {
  // Its own ports, data and clock: moving this clock by a month leaves the shared stack's alone.
  dataDir = mkdtempSync(join(tmpdir(), 'tipline-statistics-e2e-'));
  const config = readLocalConfig({
    ...(await ownPorts()),
    TIPLINE_DATA_DIR: dataDir,
  });
  own = await startLocalStack(config);
  httpUrl = own.httpUrl;
  month = monthOf(own.clock.now());

  // Twelve critical and twelve high tips about Madre de Dios, three high ones about Cusco and three
  // about Puno, and two of medium urgency: the small cells protect one another, so that the
  // backend's complementary suppression leaves national levels published beside a suppressed one.
  const repeat = (n: number, text: string) => Array.from({ length: n }, () => text);
  await sendTips([
    ...repeat(12, 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI'),
    ...repeat(12, 'a mi esposo el dueño del campamento en Mazuko le quito su dni y no lo deja salir'),
    ...repeat(3, 'a mi esposo el dueño del campamento en Quincemil le quito su dni y no lo deja salir'),
    ...repeat(3, 'a mi esposo el dueño del campamento en Ananea le quito su dni y no lo deja salir'),
    ...repeat(2, 'en Mazuko un señor ofrece trabajo de mesera con buen sueldo y pasaje pagado, dicen que es en un bar'),
  ]);

  await moveClockPast(publishableAt(month));
  // Publication runs whenever the clock moves, on its own: wait until the month is in the answer.
  published = await waitFor(
    async () => {
      const res = await getStatistics('');
      const body = res.ok ? ((await res.json()) as StatisticsExport) : undefined;
      return body?.months.includes(month) ? body : undefined;
    },
    { what: `the month ${month} to be published`, timeoutMs: 90_000, intervalMs: 1_000 },
  );
}, 480_000);

afterAll(async () => {
  await own?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the API the pages read', () => {
  it('published the month: a level as a count, another suppressed', () => {
    expect(published.to).toBe(month);
    expect(published.k).toBe(10);
    const levels = LEVELS.map((level) => countOf('all', level));
    expect(levels.some((count) => typeof count === 'number' && count >= 10)).toBe(true);
    expect(levels).toContain(null);
    expect(published.suppressed).toBeGreaterThan(0);
    expect(published.cells.filter((c) => c.month === month && c.count === null).length).toBe(published.suppressed);
  });

  it('is for supervisors only, and refuses a malformed period with invalid_period', async () => {
    expect((await getStatistics('', 'operator')).status).toBe(403);
    const bad = await getStatistics('?from=2026-13');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_period');
  });
});

describe.each(VIEWPORTS)('a supervisor on a $name ($width×$height)', (viewport) => {
  it('reads the charts: the published figures, a suppressed level as a mark, the indicators and the funnel', async () => {
    const watched = await openPage(browser(), viewport);
    try {
      const { page } = watched;
      await signIn(page, httpUrl, 'supervisor');
      await page.click('[data-nav="statistics"]');
      const row = page.locator(`[data-chart="levels"] tr[data-month="${month}"]`);
      await row.waitFor();
      expect(await page.locator('[data-nav="statistics"]').getAttribute('aria-current')).toBe('page');
      expect(await page.inputValue('#statistics-to')).toBe(month);

      // The table: each level as the API published it, and the month's own total
      for (const level of LEVELS) expect(await row.locator(`td[data-level="${level}"]`).textContent(), level).toBe(spanishFigure(countOf('all', level)));
      expect(await row.locator('td[data-level="all"]').textContent()).toBe(spanishFigure(countOf('all', 'all')));

      // The drawing: a bar segment for each published level, a hatched mark (no length) for each suppressed one
      const bar = page.locator(`[data-chart="levels"] svg g[data-month="${month}"]`);
      let marks = 0;
      for (const level of LEVELS) {
        const count = countOf('all', level);
        expect(await bar.locator(`rect.stat-seg[data-level="${level}"]`).count(), level).toBe(count ? 1 : 0);
        expect(await bar.locator(`.stat-mark[data-level="${level}"]`).count(), level).toBe(count === null ? 1 : 0);
        if (count === null) marks++;
      }
      expect(await bar.locator('.stat-mark').count()).toBe(marks);
      expect(await page.locator('[data-chart="levels"] svg').getAttribute('aria-hidden')).toBe('true');

      // Indicators and funnel, one month: each figure the API's (named as on a tip), none a bound
      const indicators = page.locator('[data-chart="indicators"] tbody tr');
      expect(await indicators.count()).toBe(12);
      expect(await page.locator('[data-chart="indicators"] tr[data-key="minor"] th').textContent()).toBe('menor de edad');
      for (const indicator of ['minor', 'sexual_exploitation', 'document_retention', 'confinement'] as const)
        expect(await page.locator(`[data-chart="indicators"] tr[data-key="${indicator}"] td`).textContent(), indicator).toBe(
          spanishFigure(countOf('all', 'all', indicator)),
        );
      const funnel = published.funnel.find((f) => f.month === month)!;
      expect(await page.locator('[data-chart="funnel"] tr[data-key="tips"] td').textContent()).toBe(spanishFigure(funnel.tips));
      for (const stage of FUNNEL_STAGES)
        expect(await page.locator(`[data-chart="funnel"] tr[data-key="${stage}"] td`).textContent()).toBe(spanishFigure(funnel[stage]));
      expect(await page.locator('[data-chart] td[data-figure="atLeast"]').count()).toBe(0);
      if (published.months.length === 12) expect(await page.locator('[data-chart="levels"] tbody tr').count()).toBe(12);

      await screenshot(page, `${viewport.name}-statistics-01-page`);
      await expectNoSidewaysScroll(page, viewport);
      expect(await seriousViolations(page, '.statistics')).toEqual([]);
      expectNoForeignRequestsOrProblems(watched, httpUrl);
    } finally {
      await watched.context.close();
    }
  });

  it('downloads the CSV: the server’s name, and a row for each figure of the JSON', async () => {
    const watched = await openPage(browser(), viewport);
    try {
      const { page } = watched;
      await signIn(page, httpUrl, 'supervisor');
      await go(page, `#/statistics?from=${published.from}&to=${published.to}`);
      await page.locator(`[data-chart="levels"] tr[data-month="${month}"]`).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="statistics-csv"]')]);
      expect(download.suggestedFilename()).toBe(`tipline-statistics-${published.from}-${published.to}.csv`);
      await page.locator('.statistics-download', { hasText: download.suggestedFilename() }).waitFor();
      const lines = readFileSync((await download.path())!, 'utf8')
        .trimEnd()
        .split(/\r?\n/u);
      expect(lines[0]).toBe('month,measure,region,level,indicator,channel,language,count');
      const rows = lines.slice(1).map((line) => line.split(','));
      const stages = new Set<string>(FUNNEL_STAGES);
      const key = (r: string[]) => [r[0], r[2], r[3], r[4], r[5], r[6], r[7]].join('|');
      const cells = published.cells.map((c) =>
        [c.month, c.region, c.level, c.indicator ?? '', c.channel ?? '', c.language ?? '', c.count === null ? 'suppressed' : String(c.count)].join('|'),
      );
      expect(
        rows
          .filter((r) => !stages.has(r[1]!))
          .map(key)
          .sort(),
      ).toEqual(cells.sort());
      const funnelRows = published.funnel.flatMap((f) =>
        FUNNEL_STAGES.map((stage) => [f.month, stage, f[stage] === null ? 'suppressed' : String(f[stage])].join('|')),
      );
      expect(
        rows
          .filter((r) => stages.has(r[1]!))
          .map((r) => [r[0], r[1], r[7]].join('|'))
          .sort(),
      ).toEqual(funnelRows.sort());
      expectNoForeignRequestsOrProblems(watched, httpUrl);
    } finally {
      await watched.context.close();
    }
  });

  it('prints the report in Spanish and in English, on one A4 page', async () => {
    const watched = await openPage(browser(), viewport);
    try {
      const { page } = watched;
      await signIn(page, httpUrl, 'supervisor');
      await page.click('[data-nav="statistics"]');
      await page.locator(`[data-chart="levels"] tr[data-month="${month}"]`).waitFor();
      await page.click('[data-action="statistics-report"]');
      for (const [lang, words, other] of [
        ['es', esStatistics, 'en'],
        ['en', enStatistics, 'es'],
      ] as const) {
        const report = page.locator(`.stat-report[lang="${lang}"]`);
        await report.locator(`[data-chart="levels"] tr[data-month="${month}"]`).waitFor();
        expect(await report.locator('h2').textContent()).toBe(words['report.title']);
        expect(await report.locator('.report-method').textContent()).toContain('k = 10');
        expect(await report.locator('.report-footer').textContent()).toMatch(/· tipline$/u);
        expect(await report.locator('[data-chart="levels"] thead th').nth(1).textContent()).toBe(words['statistics.level.critical']);
        for (const region of ['Madre de Dios', 'Cusco', 'all'])
          expect(await report.locator(`[data-chart="regions"] tr[data-region="${region}"] td`).textContent(), region).toBe(
            figureIn(words, countOf(region, 'all')),
          );
        await screenshot(page, `${viewport.name}-statistics-02-report-${lang}`);
        expect(await seriousViolations(page, '.stat-report')).toEqual([]);

        if (viewport.name === 'laptop') {
          // On paper: no navigation, black on white, and the whole report on one A4 sheet
          await page.emulateMedia({ media: 'print' });
          await page.setViewportSize(A4);
          expect(await page.locator('.bar').isVisible()).toBe(false);
          expect(await page.locator('.report-tools').isVisible()).toBe(false);
          expect(await page.evaluate(`getComputedStyle(document.querySelector('.stat-report')).color`)).toBe('rgb(0, 0, 0)');
          await screenshot(page, `statistics-report-${lang}`);
          const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
          expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/gu)?.length).toBe(1);
          await page.emulateMedia({ media: 'screen' });
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
        }
        await report.locator('[data-action="report-language"]').click();
        await page.locator(`.stat-report[lang="${other}"]`).waitFor();
      }
      expectNoForeignRequestsOrProblems(watched, httpUrl);
    } finally {
      await watched.context.close();
    }
  });
});

describe('the pages that have no figures to show', () => {
  it('say which months are not published yet, and what to do', async () => {
    const watched = await openPage(browser(), VIEWPORTS[0]!);
    try {
      const { page } = watched;
      await signIn(page, httpUrl, 'supervisor');
      const future = monthOf(new Date(own!.clock.now().getTime() + 400 * 24 * 3600_000));
      await go(page, `#/statistics?from=${future}&to=${future}`);
      await page.locator('.statistics-empty').waitFor();
      expect(await page.locator('.statistics-empty').textContent()).toBe(esStatistics['statistics.empty']);
      expect(await page.locator('.statistics-pending').textContent()).toMatch(/^Aún no publicados: \p{L}+ de \d{4}\.$/u);
      expect(await page.locator('[data-chart]').count()).toBe(0);
      expect(await seriousViolations(page, '.statistics')).toEqual([]);

      // A malformed period: the API's refusal, said in Spanish
      const before = watched.problems.length;
      await go(page, '#/statistics?from=2026-13');
      await page.locator('.statistics-state', { hasText: esCase['apiError.invalid_period'] }).waitFor();
      expect(watched.problems.splice(before)).toEqual([expect.stringContaining('status of 400')]);
      expect(enCase['apiError.invalid_period']).toBeTruthy();
      expectNoForeignRequestsOrProblems(watched, httpUrl);
    } finally {
      await watched.context.close();
    }
  });

  it('is a supervisor page: an operator has no way to it', async () => {
    const watched = await openPage(browser(), VIEWPORTS[1]!);
    try {
      const { page } = watched;
      await signIn(page, httpUrl, 'operator');
      expect(await page.locator('[data-nav="statistics"]').count()).toBe(0);
      await go(page, '#/statistics/report?lang=en');
      await page.locator('main[data-view="queue"]').waitFor();
      expect(await page.locator('.stat-report').count()).toBe(0);
      expectNoForeignRequestsOrProblems(watched, httpUrl);
    } finally {
      await watched.context.close();
    }
  });
});
