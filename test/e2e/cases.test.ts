// Issue 17 in headless Chromium on a laptop and on a phone: an operator links two tips into a
// case and reads its timeline (oldest first, in Spanish), refers the case to an agency of the
// directory and follows the referral up to its outcome; a tip that says the police take money
// from the bar carries the complicity warning, on the tip and on its case, and the local police
// station is refused for that case (a supervisor may refer it with a reason). On a stack of its
// own, whose clock moves days ahead without disturbing the other files, a supervisor reads the
// referrals nobody updated, oldest first, and keeps the agency directory. axe-core finds no
// serious or critical violation on any new view. Screenshots go to test-results/e2e/.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import demoUsers from '../../local/demo-users.json' with { type: 'json' };
import { readLocalConfig } from '../../local/config';
import { startLocalStack, type LocalStack } from '../../local/stack';
import enCase from '../../web/ops/src/i18n/en-case.json';
import enReferral from '../../web/ops/src/i18n/en-referral.json';
import enShift from '../../web/ops/src/i18n/en-shift.json';
import en from '../../web/ops/src/i18n/en.json';
import esCase from '../../web/ops/src/i18n/es-case.json';
import esReferral from '../../web/ops/src/i18n/es-referral.json';
import esShift from '../../web/ops/src/i18n/es-shift.json';
import es from '../../web/ops/src/i18n/es.json';
import { ownPorts } from '../support/own-ports';
import { call, postWebTip, queuedTip, type StackRef } from '../support/operator';
import { waitFor } from '../support/wait';
import { expectNoForeignRequestsOrProblems, openPage, screenshot, signIn, useBrowser, VIEWPORTS, type Viewport, type WatchedPage } from './browser';
import { seriousViolations } from './axe';

const shared = inject('stack');
const browser = useBrowser();

const letters = (n: number): string => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const spanish = { ...es, ...esShift, ...esCase, ...esReferral } as Record<string, string>;
const english = { ...en, ...enShift, ...enCase, ...enReferral } as Record<string, string>;
const WARNING = 'Posible complicidad de autoridades locales: no derivar a la comisaría.';

interface Api {
  httpUrl: string;
  token(user: 'operator' | 'supervisor'): string;
}
const sharedApi: Api = { httpUrl: shared.httpUrl, token: (user) => shared.tokens[user]! };

async function api<T>(on: Api, user: 'operator' | 'supervisor', method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const res = await call(on, on.token(user), method, path, body);
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A web tip, triaged and in the queue; the first word of `text` is the marker that finds it. */
async function webTip(on: Api, text: string): Promise<string> {
  const res = await postWebTip(on, { text, lang: 'es' });
  if (res.status !== 202) throw new Error(`web tip answered ${res.status}: ${await res.text()}`);
  const ref: StackRef = { httpUrl: on.httpUrl, operatorToken: on.token('operator') };
  return (await queuedTip(ref, (t) => t.preview.startsWith(text.split(' ')[0]!), { timeoutMs: 60_000, what: `the tip ${text}` })).tipId;
}

const linkTips = (on: Api, id: string, to: string) => api<{ caseId: string; tipIds: string[] }>(on, 'operator', 'POST', `/api/tips/${id}/link`, { to });

/** Words only the English dictionaries have (people's and agencies' names are no English). */
function englishOnly(): Set<string> {
  const words = (values: string[]) =>
    new Set(
      values
        .join(' ')
        .toLowerCase()
        .replace(/\{\w+\}/gu, ' ')
        .match(/\p{L}{3,}/gu) ?? [],
    );
  const names = words([...Object.values(demoUsers).map((p) => (typeof p === 'string' ? '' : p.name)), ...demoRoster.agencies.map((a) => a.name)]);
  const spanishWords = words(Object.values(spanish));
  return new Set([...words(Object.values(english))].filter((w) => !spanishWords.has(w) && !names.has(w)));
}

/** A view's own words: not the tipsters' text nor what staff typed. */
const interfaceWords = (page: Page, selector: string) =>
  page.locator(selector).evaluate((view) => {
    const copy = view.cloneNode(true) as typeof view;
    for (const el of copy.querySelectorAll('.entry-text, .preview, q, .places li, .referral-summary p, .referral-note, .held-by, [data-rule], option'))
      el.remove();
    return (copy.textContent ?? '').toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  });

const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

async function openTip(page: Page, tipId: string): Promise<void> {
  await go(page, `#/tips/${tipId}`);
  await page.locator('#tip-title', { hasText: tipId }).waitFor();
  await page.locator('.tip .claim-box').waitFor();
}

async function openCase(page: Page, caseId: string): Promise<void> {
  await go(page, `#/cases/${caseId}`);
  await page.locator('main[data-view="case"] #case-title', { hasText: 'Caso C-' }).waitFor();
}

/** The warning is seen and read on this screen: inside it, wrapped rather than cut off. */
async function expectReadableWarning(page: Page, scope: string, viewport: Viewport): Promise<void> {
  const warning = page.locator(`${scope} .complicity-warning`);
  await warning.waitFor();
  expect(await warning.getAttribute('role')).toBe('alert');
  expect(await warning.locator('strong').textContent()).toBe(WARNING);
  const box = await warning.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  // A string, run in the page: the repository's typecheck does not load the DOM's types.
  const fontPx = Number(
    await page.evaluate(`parseFloat(getComputedStyle(document.querySelector(${JSON.stringify(`${scope} .complicity-warning strong`)})).fontSize)`),
  );
  expect(fontPx).toBeGreaterThanOrEqual(16);
}

/** Nothing on the page is wider than the screen (a table may scroll inside its own region). */
async function expectNoSidewaysScroll(page: Page, viewport: Viewport): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(viewport.width);
}

describe.each(VIEWPORTS)('cases and referrals on a $name ($width×$height)', (viewport) => {
  const shotOf = (page: Page) => (step: string) => screenshot(page, `${viewport.name}-cases-${step}`);
  const seeded = { first: '', second: '', complicity: '', other: '', complicityCase: '' };

  beforeAll(async () => {
    const marker = `casos${viewport.name}${letters(6)}`;
    seeded.first = await webTip(sharedApi, `${marker}uno hola, mi vecina trabaja en un bar de Mazuko y no la dejan salir`);
    seeded.second = await webTip(sharedApi, `${marker}dos hola, otra vez sobre el bar de Mazuko, ahora hay otra chica`);
    seeded.complicity = await webTip(sharedApi, `${marker}tres los policias cobran cupo al dueño del bar donde tienen a las chicas`);
    seeded.other = await webTip(sharedApi, `${marker}cuatro hola, en ese bar las chicas no pueden salir de noche`);
    // Held, so that a high tip is not paged while the test works it.
    await api(sharedApi, 'operator', 'POST', `/api/tips/${seeded.complicity}/claim`);
    await api(sharedApi, 'operator', 'POST', `/api/tips/${seeded.first}/notes`, { text: 'llamé a la DEMUNA, sin respuesta' });
    seeded.complicityCase = (await linkTips(sharedApi, seeded.other, seeded.complicity)).caseId;
  }, 240_000);

  it('an operator: the warning, a case from two tips, its timeline, a referral followed up, and the local police refused', async () => {
    let watched: WatchedPage | undefined;
    try {
      watched = await openPage(browser(), viewport);
      const { page } = watched;
      const shot = shotOf(page);
      await signIn(page, shared.httpUrl, 'operator');

      // The police take money from the bar: the warning, first thing on the tip, readable on this screen
      await openTip(page, seeded.complicity);
      await expectReadableWarning(page, '.tip', viewport);
      await shot('01-complicity-tip');
      await expectNoSidewaysScroll(page, viewport);
      expect(await seriousViolations(page, '.tip')).toEqual([]);

      // A tip without it has no warning; linked to another, it shows the way to their case
      await openTip(page, seeded.second);
      expect(await page.locator('.tip .complicity-warning').count()).toBe(0);
      await page.locator('.more-actions .link summary').click();
      await page.fill('#link-to', seeded.first.toLowerCase());
      await page.click('[data-action="link"]');
      await page.locator('.tip .case-of a').waitFor();
      expect(await page.locator('.tip .notice').textContent()).toBe('Vinculada: el caso tiene 2 denuncias.');
      expect(await page.locator('.more-actions .link').count()).toBe(0);
      await shot('02-linked');

      // The case: both tips, and the timeline oldest first with its kinds in Spanish
      await page.click('.tip .case-of a');
      await page.locator('main[data-view="case"] #case-title', { hasText: 'Caso C-' }).waitFor();
      expect(await page.locator('.case-tips li[data-tip-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tip-id')).sort())).toEqual(
        [seeded.first, seeded.second].sort(),
      );
      const times = await page.locator('.timeline-entry .timeline-head time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
      expect(times.length).toBeGreaterThanOrEqual(3);
      expect(times).toEqual([...times].sort());
      const kinds = await page
        .locator('.timeline-entry')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('data-kind'), el.getAttribute('data-tip-id'), el.querySelector('.timeline-kind')?.textContent]));
      expect(kinds).toContainEqual(['message', seeded.first, 'Mensaje del denunciante']);
      expect(kinds).toContainEqual(['message', seeded.second, 'Mensaje del denunciante']);
      expect(kinds).toContainEqual(['note', seeded.first, 'Nota interna']);
      expect(await page.locator('.case-page .complicity-warning').count()).toBe(0);
      expect(await page.locator('.case-referrals').textContent()).toContain('todavía no fue derivado');
      await shot('03-case');

      // The referral form: local authorities marked (not "no derivar": nobody is implicated here)
      await page.locator('#referral-agency option[value="fistrap-mdd"]').waitFor({ state: 'attached' });
      const police = await page.locator('#referral-agency option[value="comisaria-pm"]').textContent();
      expect(police).toContain('autoridad local');
      expect(police).not.toContain('no derivar');
      expect(await page.locator('.referral-never').textContent()).toContain('nunca se comparte');
      await page.selectOption('#referral-agency', 'fistrap-mdd');
      await page.fill('#referral-summary', 'Dos denuncias sobre un bar de Mazuko: mujeres que no pueden salir, una posiblemente menor.');
      await page.check('#referral-share-level');
      await page.check('#referral-share-places');
      await page.click('[data-action="send-referral"]');
      const referral = page.locator('.referral[data-status="sent"]');
      await referral.waitFor();
      expect(await page.locator('.case-page .case-notice').textContent()).toContain('Derivación enviada a Fiscalía Especializada');
      expect(await referral.locator('.referral-facts').textContent()).toContain('la urgencia, los lugares');

      // Received, with the agency's reference; closing before the outcome is refused, in Spanish
      await referral.locator('.referral-status summary').click();
      await referral.locator('select[name="status"]').selectOption('received');
      await referral.locator('input[name="agencyReference"]').fill('CF-506-MDD');
      await referral.locator('textarea[name="note"]').fill('la fiscal de turno confirmó por teléfono');
      await referral.locator('[data-action="referral-status"]').click();
      const received = page.locator('.referral[data-status="received"]');
      await received.waitFor();
      expect(await received.locator('.referral-facts').textContent()).toContain('CF-506-MDD');
      await received.locator('.referral-status summary').click();
      await received.locator('select[name="status"]').selectOption('closed');
      await received.locator('[data-action="referral-status"]').click();
      await page.locator('.case-page .case-alert', { hasText: spanish['apiError.outcome_required']! }).waitFor();

      // The outcome, then closed: no forms left, and the timeline tells each step
      await received.locator('.referral-outcome summary').click();
      await received.locator('input[name="rescuedAdults"]').fill('2');
      await received.locator('input[name="rescuedMinors"]').fill('1');
      await received.locator('input[name="chargesFiled"]').check();
      await received.locator('[data-action="referral-outcome"]').click();
      await page.locator('.case-page .case-notice', { hasText: 'Resultado guardado.' }).waitFor();
      expect(await page.locator('.referral .referral-facts').textContent()).toContain('Personas adultas rescatadas: 2. Menores rescatados: 1.');
      const stillReceived = page.locator('.referral[data-status="received"]');
      await stillReceived.locator('.referral-status summary').click();
      await stillReceived.locator('select[name="status"]').selectOption('closed');
      await stillReceived.locator('[data-action="referral-status"]').click();
      const closed = page.locator('.referral[data-status="closed"]');
      await closed.waitFor();
      expect(await closed.locator('form').count()).toBe(0);
      await closed.locator('.referral-log summary').click();
      expect(await closed.locator('.referral-history li').evaluateAll((li) => li.map((l) => l.getAttribute('data-status')))).toEqual([
        'sent',
        'received',
        'closed',
      ]);
      const referralKinds = await page.locator('.timeline-entry[data-kind="referral"] .timeline-kind').allTextContents();
      expect(referralKinds.length).toBeGreaterThanOrEqual(3);
      expect(new Set(referralKinds)).toEqual(new Set(['Derivación']));
      await shot('04-referral-closed');
      await expectNoSidewaysScroll(page, viewport);
      expect(await seriousViolations(page, '.case-page')).toEqual([]);
      const englishWords = englishOnly();
      expect((await interfaceWords(page, '.case-page')).filter((w: string) => englishWords.has(w))).toEqual([]);

      // The complicity case: the warning on it, the local police station marked and refused
      await openCase(page, seeded.complicityCase);
      await expectReadableWarning(page, '.case-page', viewport);
      await page.locator('#referral-agency option[value="comisaria-pm"]').waitFor({ state: 'attached' });
      expect(await page.locator('#referral-agency option[value="comisaria-pm"]').textContent()).toContain('no derivar');
      expect(await page.locator('#referral-agency option[value="fistrap-mdd"]').textContent()).not.toContain('no derivar');
      await page.selectOption('#referral-agency', 'comisaria-pm');
      expect(await page.locator('.referral-agency-note').textContent()).toBe(spanish['referral.refused']);
      expect(await page.locator('#referral-override').isVisible()).toBe(false);
      await page.fill('#referral-summary', 'Denuncia sobre un bar donde retienen a chicas; se menciona a la policía.');
      const before = watched.problems.length;
      await page.click('[data-action="send-referral"]');
      await page.locator('.case-page .case-alert', { hasText: spanish['apiError.local_authority_implicated']! }).waitFor();
      expect(watched.problems.splice(before)).toEqual([expect.stringContaining('status of 409')]);
      expect(await page.locator('.referral').count()).toBe(0);
      await shot('05-local-police-refused');
      expect(await seriousViolations(page, '.case-page')).toEqual([]);
      expect((await interfaceWords(page, '.case-page')).filter((w: string) => englishWords.has(w))).toEqual([]);

      // English on request
      await page.click('.bar nav button[lang="en"]');
      await page.locator('.case-page .complicity-warning strong', { hasText: english['complicity.warning']! }).waitFor();
      expect(await page.locator('#case-title').textContent()).toMatch(/^Case C-/u);
      await page.click('.bar nav button[lang="es"]');
      await page.locator('.case-page .complicity-warning strong', { hasText: WARNING }).waitFor();

      expectNoForeignRequestsOrProblems(watched, shared.httpUrl);
    } finally {
      await watched?.context.close();
    }
  });

  it('a supervisor: refers the complicity case to the local police with a reason, and reads it in the audit trail', async () => {
    let watched: WatchedPage | undefined;
    try {
      watched = await openPage(browser(), viewport);
      const { page } = watched;
      await signIn(page, shared.httpUrl, 'supervisor');
      await openCase(page, seeded.complicityCase);
      await page.locator('#referral-agency option[value="comisaria-pm"]').waitFor({ state: 'attached' });
      await page.selectOption('#referral-agency', 'comisaria-pm');
      await page.locator('#referral-override').waitFor();
      expect(await page.locator('.referral-agency-note').textContent()).toBe(spanish['referral.refusedSupervisor']);
      await page.fill('#referral-summary', 'Bar con chicas retenidas; la fiscal pidió que la comisaría acompañe el operativo.');
      await page.fill('#referral-override', 'la fiscal pidió que la comisaría acompañe el operativo');
      await page.click('[data-action="send-referral"]');
      await page.locator('.referral[data-status="sent"] h4', { hasText: 'Comisaría PNP Puerto Maldonado' }).waitFor();
      await screenshot(page, `${viewport.name}-cases-06-override`);
      expect(await seriousViolations(page, '.case-page')).toEqual([]);

      // The tip's audit trail says it in Spanish, under each tip of the case
      await openTip(page, seeded.complicity);
      await page.locator('.audit-trail summary').click();
      await page.locator('.audit-table tr[data-action="referral_sent"]').first().waitFor();
      const said = await page
        .locator('.audit-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(2).map((td) => td.textContent ?? '')));
      expect(said).toContainEqual(['Vinculó la denuncia a un caso', '']);
      // The details in any order: the stored record keeps no order among them.
      const sent = said.find(([what]) => what === 'Derivó el caso a una institución');
      expect(sent?.[1]?.split(' · ').sort()).toEqual([
        'motivo: la fiscal pidió que la comisaría acompañe el operativo',
        'tipo de institución: comisaría (policía local)',
      ]);
      expectNoForeignRequestsOrProblems(watched, shared.httpUrl);
    } finally {
      await watched?.context.close();
    }
  });
});

describe('a supervisor on a stack of its own, days later: the overdue referrals and the agency directory', () => {
  let own: LocalStack | undefined;
  let dataDir = '';
  let ownApi: Api;
  const referrals = { older: '', newer: '', caseId: '' };

  beforeAll(async () => {
    // Its own ports, data and clock: moving this clock by days leaves the shared stack's alone.
    dataDir = mkdtempSync(join(tmpdir(), 'tipline-cases-e2e-'));
    const config = readLocalConfig({
      ...(await ownPorts()),
      TIPLINE_DATA_DIR: dataDir,
    });
    own = await startLocalStack(config);
    const stack = own;
    ownApi = { httpUrl: stack.httpUrl, token: (user) => stack.identity.idToken(user) };

    const marker = `atraso${letters(6)}`;
    const first = await webTip(ownApi, `${marker}uno hola, en un bar de Laberinto tienen a una chica sin pagarle`);
    const second = await webTip(ownApi, `${marker}dos hola, otra vez sobre el bar de Laberinto`);
    referrals.caseId = (await linkTips(ownApi, second, first)).caseId;
    const refer = (agencyId: string) =>
      api<{ referralId: string }>(ownApi, 'operator', 'POST', `/api/cases/${referrals.caseId}/referrals`, {
        agencyId,
        summary: 'Un bar de Laberinto retiene a una chica sin pagarle.',
        share: { level: true, indicators: false, places: true },
      });
    referrals.older = (await refer('fistrap-mdd')).referralId;
    await advanceDays(1);
    referrals.newer = (await refer('car-mdd')).referralId;
    await advanceDays(8);
  }, 240_000);

  afterAll(async () => {
    await own?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The local clock moves at most a week at a time. */
  async function advanceDays(days: number): Promise<void> {
    for (let left = days; left > 0; left -= 7) {
      const minutes = Math.min(left, 7) * 24 * 60;
      const before = own!.clock.offsetMs();
      const res = await fetch(`${ownApi.httpUrl}/local/clock?advanceMinutes=${minutes}`, { method: 'POST' });
      if (!res.ok) throw new Error(`moving the clock answered ${res.status}: ${await res.text()}`);
      expect(own!.clock.offsetMs() - before).toBe(minutes * 60_000);
    }
  }

  it('reads the overdue referrals oldest first, each with the way to its case', async () => {
    const listed = await waitFor(
      async () => {
        const { referrals: overdue } = await api<{ referrals: Array<{ referralId: string }> }>(ownApi, 'supervisor', 'GET', '/api/referrals/overdue');
        return overdue.length >= 2 ? overdue : undefined;
      },
      { what: 'both referrals to be overdue', timeoutMs: 30_000 },
    );
    expect(listed.map((r) => r.referralId)).toEqual([referrals.older, referrals.newer]);

    for (const viewport of VIEWPORTS) {
      const watched = await openPage(browser(), viewport);
      try {
        const { page } = watched;
        await signIn(page, ownApi.httpUrl, 'supervisor');
        await page.click('[data-nav="overdue"]');
        const rows = page.locator('.overdue-table tbody tr');
        await rows.first().waitFor();
        expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-referral-id')))).toEqual([referrals.older, referrals.newer]);
        expect(await page.locator(`tr[data-referral-id="${referrals.older}"] .overdue-days`).textContent()).toBe('9 días');
        expect(await page.locator('.overdue .hint').textContent()).toContain('7 días o más');
        await screenshot(page, `${viewport.name}-cases-07-overdue`);
        await expectNoSidewaysScroll(page, viewport);
        expect(await seriousViolations(page, '.overdue')).toEqual([]);
        const englishWords = englishOnly();
        expect((await interfaceWords(page, '.overdue')).filter((w: string) => englishWords.has(w))).toEqual([]);

        await page.click(`tr[data-referral-id="${referrals.older}"] a`);
        await page.locator('main[data-view="case"] #case-title', { hasText: 'Caso C-' }).waitFor();
        expect(await page.locator('.referral').count()).toBe(2);
        expectNoForeignRequestsOrProblems(watched, ownApi.httpUrl);
      } finally {
        await watched.context.close();
      }
    }
  });

  it('is a supervisor page: an operator has no way to it', async () => {
    const watched = await openPage(browser(), VIEWPORTS[0]!);
    try {
      const { page } = watched;
      await signIn(page, ownApi.httpUrl, 'operator');
      expect(await page.locator('[data-nav="overdue"], [data-nav="agencies"]').count()).toBe(0);
      await go(page, '#/referrals/overdue');
      await page.locator('main[data-view="queue"]').waitFor();
      expectNoForeignRequestsOrProblems(watched, ownApi.httpUrl);
    } finally {
      await watched.context.close();
    }
  });

  it('keeps the agency directory: contacts never shown, an agency added and edited, a region rule changed', async () => {
    for (const viewport of VIEWPORTS) {
      const watched = await openPage(browser(), viewport);
      try {
        const { page } = watched;
        const shot = (step: string) => screenshot(page, `${viewport.name}-cases-${step}`);
        await signIn(page, ownApi.httpUrl, 'supervisor');
        await page.click('[data-nav="agencies"]');
        await page.locator('.agency-directory tr[data-agency-id]').first().waitFor();
        const ids = await page.locator('.agency-directory tr[data-agency-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agency-id')));
        for (const agency of demoRoster.agencies) expect(ids).toContain(agency.agencyId);
        expect(await page.locator('tr[data-agency-id="fistrap-mdd"] td[data-has-contact]').textContent()).toBe('registrado');
        const html = await page.content();
        for (const agency of demoRoster.agencies) expect(html).not.toContain(agency.contact);
        // The local police of Madre de Dios are its local authority (its rule); its prosecutor is not
        expect(await page.locator('tr[data-agency-id="comisaria-pm"] td').nth(4).textContent()).toBe('sí');
        expect(await page.locator('tr[data-agency-id="fistrap-mdd"] td').nth(4).textContent()).toBe('no');
        await shot('08-agencies');
        await expectNoSidewaysScroll(page, viewport);
        expect(await seriousViolations(page, '.agencies')).toEqual([]);
        const englishWords = englishOnly();
        expect((await interfaceWords(page, '.agencies')).filter((w: string) => englishWords.has(w))).toEqual([]);

        // Add one, with a contact that is written and never read back
        const id = `ong-${viewport.name}-${letters(4)}`;
        await page.fill('#agency-id', id);
        await page.fill('#agency-name', 'Red de apoyo de Laberinto (prueba)');
        await page.selectOption('#agency-kind', 'ngo');
        await page.fill('#agency-region', 'Madre de Dios');
        await page.fill('#agency-contact', '+51 900 000 299');
        await page.click('[data-action="save-agency"]');
        const added = page.locator(`tr[data-agency-id="${id}"]`);
        await added.waitFor();
        expect(await added.locator('td[data-has-contact]').textContent()).toBe('registrado');
        expect(await page.content()).not.toContain('900000299');

        // Edit it: the id is fixed, the contact kept when left empty
        await added.locator('[data-action="edit-agency"]').click();
        expect(await page.locator('#agency-id').getAttribute('readonly')).not.toBeNull();
        expect(await page.inputValue('#agency-id')).toBe(id);
        await page.fill('#agency-name', 'Red de apoyo de Laberinto (editada)');
        await page.uncheck('#agency-active');
        await page.click('[data-action="save-agency"]');
        await page.locator(`tr[data-agency-id="${id}"][data-active="false"] th`, { hasText: '(editada)' }).waitFor();
        expect(await page.locator(`tr[data-agency-id="${id}"] td[data-has-contact]`).textContent()).toBe('registrado');

        // Cusco: its child protection office is a local authority too
        const cusco = page.locator('.region-rule[data-region="Cusco"]');
        await cusco.locator('input[value="child_protection"]').check();
        await cusco.locator('[data-action="save-region-rule"]').click();
        await page.locator('.agencies .case-notice', { hasText: 'Regla guardada: Cusco.' }).waitFor();
        const roster = await api<{ regionRules: Array<{ region: string; localAuthorityKinds: string[] }> }>(ownApi, 'supervisor', 'GET', '/api/roster');
        expect(roster.regionRules.find((r) => r.region === 'Cusco')?.localAuthorityKinds.sort()).toEqual(['child_protection', 'local_police']);
        expect(await page.locator('.region-rule[data-region="Cusco"] input[value="child_protection"]').isChecked()).toBe(true);
        await shot('09-agency-saved');
        await expectNoSidewaysScroll(page, viewport);
        expect(await seriousViolations(page, '.agencies')).toEqual([]);
        expectNoForeignRequestsOrProblems(watched, ownApi.httpUrl);
      } finally {
        await watched.context.close();
      }
    }
  });
});
