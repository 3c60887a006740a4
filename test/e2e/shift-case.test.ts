// Issue 16, the case side, in headless Chromium on a laptop and on a phone: the actions on a tip
// follow its state (someone else holds it: no "Tomar"; closed: reopen, not close), a tip is handed
// to a colleague and merged into an earlier one, a page nobody answered is stopped or confirmed
// by phone, the phone has a way back to the queue, the rule reads as a sentence, the Spanish view
// has no English left in it; supervisors, and only they, see the audit trail and the roster.
// axe-core finds no serious or critical violation on the tip or the roster. Screenshots go to
// test-results/e2e/.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import demoUsers from '../../local/demo-users.json' with { type: 'json' };
import enCase from '../../web/ops/src/i18n/en-case.json';
import enShift from '../../web/ops/src/i18n/en-shift.json';
import en from '../../web/ops/src/i18n/en.json';
import esCase from '../../web/ops/src/i18n/es-case.json';
import esShift from '../../web/ops/src/i18n/es-shift.json';
import es from '../../web/ops/src/i18n/es.json';
import { ruleSentence } from '../../web/ops/src/rule-sentence';
import type { PagingView } from '../../functions/core/paging/page-view';
import { call, getTip, postWebTip, queuedTip } from '../support/operator';
import { waitFor } from '../support/wait';
import { expectNoForeignRequestsOrProblems, openPage, screenshot, signIn, useBrowser, useWatchedPage, VIEWPORTS, type WatchedPage } from './browser';
import { seriousViolations } from './axe';
import { seedCriticalTip } from './seed';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const { operator2, supervisor } = stack.tokens as Record<'operator2' | 'supervisor', string>;
const browser = useBrowser();
const OMAR = demoUsers.operator2.name;

const letters = (n: number): string => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const spanishWords = { ...es, ...esShift, ...esCase } as Record<string, string>;
const englishWords = { ...en, ...enShift, ...enCase } as Record<string, string>;

// Paging Madre de Dios past its hourly budget would hold the pages this file needs (issue 15):
// its policy gets a budget no test reaches, for this file only, as on-call.test.ts does.
const MDD = demoRoster.policies.find((p) => p.policyId === 'madre-de-dios')!;
const putMddPolicy = (extra: Record<string, unknown>) =>
  call(stack, supervisor, 'PUT', '/api/roster/policies/madre-de-dios', { region: MDD.region, levels: MDD.levels, ...extra });
beforeAll(async () => {
  expect((await putMddPolicy({ pageBudgetPerHour: 200 })).ok).toBe(true);
});
afterAll(async () => {
  await putMddPolicy({});
});

async function webTip(text: string): Promise<string> {
  const res = await postWebTip(stack, { text, lang: 'es' });
  if (res.status !== 202) throw new Error(`web tip answered ${res.status}: ${await res.text()}`);
  return (await queuedTip(stack, (t) => t.preview.startsWith(text.split(' ')[0]!), { timeoutMs: 60_000, what: `the tip ${text}` })).tipId;
}

/** The responders paged for a tip, once its first page is out. */
const pagedFor = (tipId: string) =>
  waitFor(
    async () => {
      const view = (await (await call(stack, supervisor, 'GET', `/api/tips/${tipId}/pages`)).json()) as PagingView;
      return view.pages.length > 0 && view.state?.open ? view : undefined;
    },
    { what: `the page for ${tipId}`, timeoutMs: 45_000 },
  );

/** Words that only the English dictionary has: none may show in the Spanish interface. */
function englishOnly(): Set<string> {
  const words = (dictionary: Record<string, string>) =>
    new Set(
      Object.values(dictionary)
        .join(' ')
        .toLowerCase()
        .replace(/\{\w+\}/gu, ' ')
        .match(/\p{L}{3,}/gu) ?? [],
    );
  const spanish = words(spanishWords);
  // People's names ("Olga Operadora (demo)" recorded a phone ACK) are no English.
  const names = words(Object.fromEntries(Object.entries(demoUsers).map(([user, person]) => [user, typeof person === 'string' ? '' : person.name])));
  return new Set([...words(englishWords)].filter((w) => !spanish.has(w) && !names.has(w)));
}

/** The tip view's own words: not the tipster's text, quotes of it, or people's names. */
const interfaceWords = (page: Page) =>
  page.locator('.tip').evaluate((tip) => {
    const copy = tip.cloneNode(true) as typeof tip;
    for (const el of copy.querySelectorAll('.entry-text, q, .places li, .page-who, .held-by, .holder, [data-rule]')) el.remove();
    return (copy.textContent ?? '').toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  });

const openTip = async (page: Page, tipId: string) => {
  await page.evaluate(`location.hash = '#/tips/${tipId}'`);
  await page.locator('#tip-title', { hasText: tipId }).waitFor();
  await page.locator('.tip .claim-box').waitFor();
};

describe.each(VIEWPORTS)('the case side of the dashboard on a $name ($width×$height)', (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);
  const shotOf = (page: Page) => (step: string) => screenshot(page, `${viewport.name}-case-${step}`);
  const seeded = { held: '', first: '', repeat: '', assigned: '', pagedAck: '', pagedStop: '' };

  beforeAll(async () => {
    const marker = `caso${viewport.name}${letters(6)}`;
    seeded.held = await webTip(`${marker}held hola, una consulta sobre un trabajo en la mina`);
    seeded.first = await webTip(`${marker}first hola, cual es el horario de atencion?`);
    seeded.repeat = await webTip(`${marker}repeat hola, cual es el horario de atencion? otra vez`);
    seeded.assigned = await webTip(`${marker}assign hola, quiero hacer una consulta`);
    expect((await call(stack, operator2, 'POST', `/api/tips/${seeded.held}/claim`)).status).toBe(200);
    seeded.pagedAck = (await seedCriticalTip(stack, `${viewport.name}ack`)).tipId;
    seeded.pagedStop = (await seedCriticalTip(stack, `${viewport.name}stop`)).tipId;
  }, 240_000);

  it('an operator: actions that match the state, assign, duplicate, paging controls, the rule sentence, back, and no English', async () => {
    const watched = watchedPage();
    const { page } = watched;
    const shot = shotOf(page);
    await signIn(page, origin, 'operator');

    // Held by someone else: who holds it, and no "Tomar" (nor a take-over, for an operator)
    await openTip(page, seeded.held);
    expect(await page.getAttribute('.claim-box', 'data-state')).toBe('other');
    expect(await page.locator('[data-action="claim"]').count()).toBe(0);
    expect(await page.locator('.claim-box .held-by').textContent()).toContain(OMAR);
    expect(await page.locator('.take-over').count()).toBe(0);
    // The shortcut still asks, and the API's 409 is said in Spanish with who holds it
    const before = watched.problems.length;
    await page.keyboard.press('c');
    await page.locator('.tip .alert', { hasText: OMAR }).waitFor();
    expect(watched.problems.splice(before)).toEqual([expect.stringContaining('status of 409')]);
    await shot('01-held-by-other');

    // Supervisors' views are not there for an operator
    expect(await page.locator('.audit-trail').count()).toBe(0);
    expect(await page.locator('[data-nav="roster"]').count()).toBe(0);

    // The rule as a sentence in Spanish, the scorer's English kept out of sight
    const critical = await getTip(stack, seeded.pagedAck);
    await openTip(page, seeded.pagedAck);
    const rule = page.locator('.why .rule');
    const words = (key: string) => spanishWords[key];
    expect(await rule.textContent()).toBe(ruleSentence(critical.rule, words, 'es').text);
    expect(await rule.getAttribute('data-read')).toBe('true');
    expect(await rule.getAttribute('data-rule')).toBe(critical.rule);

    // A paged tip nobody answered: record an ACK given by phone; the on-call section shows it
    const paged = await pagedFor(seeded.pagedAck);
    const responder = paged.pages[0]!.responder;
    await page.locator('.paging-controls').waitFor();
    expect(await page.locator('.paging-controls .stop-paging summary').textContent()).toBe('Detener avisos');
    await page.locator('.phone-ack summary').click();
    await page.selectOption('#ack-responder', responder.id);
    await page.fill('#ack-note', 'llamó a la central, va en camino');
    await page.click('[data-action="phone-ack"]');
    await page.locator('.on-call[data-state="acknowledged"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.on-call .on-call-state').textContent()).toContain('por teléfono');
    expect(await page.locator('.paging-controls').count()).toBe(0);
    expect(await page.locator('.notice').textContent()).toBe('Confirmación registrada.');
    await shot('02-phone-ack');
    expect(await seriousViolations(page, '.tip')).toEqual([]);

    // Another: stop paging, with a reason
    await pagedFor(seeded.pagedStop);
    await openTip(page, seeded.pagedStop);
    await page.locator('.paging-controls').waitFor();
    await page.locator('.stop-paging summary').click();
    await page.fill('#stop-reason', 'la policía ya está en el lugar');
    await page.click('[data-action="stop-paging"]');
    await page.locator('.on-call[data-state="stopped"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.on-call .on-call-state').textContent()).not.toContain('vence');
    await shot('03-paging-stopped');

    // Assign to a colleague: the tip is then held by them
    await openTip(page, seeded.assigned);
    await page.locator('.more-actions .assign summary').click();
    await page.locator(`#assign-to option[value="${demoUsers.operator2.sub}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#assign-to', demoUsers.operator2.sub);
    await page.click('[data-action="assign"]');
    await page.locator('.claim-box[data-state="other"] .held-by', { hasText: OMAR }).waitFor();
    expect(await page.locator('.notice').textContent()).toBe(`Asignada a ${OMAR}.`);
    await shot('04-assigned');

    // Mark a duplicate: closed, with the link to the earlier tip; closed shows no close form
    await openTip(page, seeded.repeat);
    await page.locator('.more-actions .duplicate summary').click();
    await page.fill('#duplicate-of', seeded.first);
    await page.click('[data-action="duplicate"]');
    const link = page.locator(`.duplicate-of a[href="#/tips/${seeded.first}"]`);
    await link.waitFor();
    expect(await link.textContent()).toBe(`Duplicado de la denuncia ${seeded.first}`);
    expect(await page.getAttribute('.claim-box', 'data-state')).toBe('closed');
    expect(await page.locator('.status-form').count()).toBe(0);
    // An operator cannot reopen: told who can
    expect(await page.locator('[data-action="reopen"]').count()).toBe(0);
    expect(await page.locator('.claim-box .claim-note').textContent()).toContain('supervisor puede reabrirla');
    await shot('05-duplicate');

    // No English left in the Spanish tip view
    const english = englishOnly();
    expect((await interfaceWords(page)).filter((w: string) => english.has(w))).toEqual([]);
    await openTip(page, seeded.pagedAck);
    expect((await interfaceWords(page)).filter((w: string) => english.has(w))).toEqual([]);

    // English on request: the rule in English
    await page.click('.bar nav button[lang="en"]');
    await page.locator('.why h3', { hasText: 'Why this urgency' }).waitFor();
    expect(await rule.textContent()).toBe(ruleSentence(critical.rule, (key) => englishWords[key], 'en').text);
    await page.click('.bar nav button[lang="es"]');
    await page.locator('.why .rule', { hasText: ruleSentence(critical.rule, words, 'es').text }).waitFor();

    // The way back to the queue: visible on a phone (the queue is beside the tip on a laptop)
    const back = page.locator('.tip .tip-back');
    if (viewport.name === 'phone') {
      expect(await back.isVisible()).toBe(true);
      expect(await back.textContent()).toBe('← Cola');
      await back.focus();
      await page.keyboard.press('Enter');
      await page.locator('main[data-view="queue"]').waitFor();
      expect(await page.locator('.queue').isVisible()).toBe(true);
      await shot('06-back-to-queue');
    } else {
      expect(await back.isVisible()).toBe(false);
    }

    expectNoForeignRequestsOrProblems(watched, origin);
  });

  it('a supervisor: take over, reopen, the audit trail and the roster', async () => {
    let watched: WatchedPage | undefined;
    try {
      watched = await openPage(browser(), viewport);
      const { page } = watched;
      const shot = shotOf(page);
      await signIn(page, origin, 'supervisor');

      // Held by someone else: a take-over with a reason, not "Tomar"
      await openTip(page, seeded.held);
      expect(await page.locator('[data-action="claim"]').count()).toBe(0);
      await page.locator('.take-over summary').click();
      await page.fill('#take-over-reason', 'Omar terminó su turno sin liberarla');
      await page.click('[data-action="take-over"]');
      await page.locator('.claim-box[data-state="mine"]').waitFor();

      // The audit trail: each action in Spanish
      await page.locator('.audit-trail summary').click();
      await page.locator('.audit-table tr[data-action="claim"]').first().waitFor();
      expect(await page.locator('.audit-table tr[data-action="claim"] td').nth(2).first().textContent()).toBe('Tomó la denuncia');
      const details = await page.locator('.audit-table tbody tr').allTextContents();
      expect(details.some((row) => row.includes('antes la tenía') && row.includes(OMAR))).toBe(true);
      await shot('07-audit-trail');
      expect(await seriousViolations(page, '.tip')).toEqual([]);

      // A closed tip: reopen, not close
      await openTip(page, seeded.repeat);
      expect(await page.locator('.status-form').count()).toBe(0);
      await page.click('[data-action="reopen"]');
      await page.locator('.tip-header .status[data-status="in_review"]').waitFor();
      await page.locator('.status-form').waitFor();

      // The roster, from the top bar
      await page.click('[data-nav="roster"]');
      await page.locator('.roster-responders tr[data-responder]').first().waitFor();
      expect(await page.locator('.roster-responders tr[data-responder]').count()).toBe(demoRoster.responders.length);
      expect(await page.locator('.roster-policies tr[data-policy]').count()).toBe(demoRoster.policies.length);
      expect(await page.locator('.roster h2').textContent()).toBe('Turnos de guardia');
      const html = await page.content();
      for (const r of demoRoster.responders) expect(html).not.toContain(r.phone);
      await shot('08-roster');
      expect(await seriousViolations(page, '.roster')).toEqual([]);

      expectNoForeignRequestsOrProblems(watched, origin);
    } finally {
      await watched?.context.close();
    }
  });
});
