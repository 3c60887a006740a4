// Sealed evidence in the browser, on a laptop and on a phone: a supervisor opens a tip with a
// sealed recruiter's number, sees where it sits (never the value), approves another
// supervisor's request, asks for her own with a reason, and once a second supervisor approved
// it, shows the value in place and hides it again; nothing of it is kept in the page's storage.
// An operator's tip view has no such section. Screenshots go to test-results/e2e/.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { RevealRequestView } from '../../functions/core/evidence/model';
import type { TipDetail } from '../../functions/core/operator-views';
import { plantSealedSpan } from '../support/evidence';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { expectNoForeignRequestsOrProblems, screenshot, signIn, useBrowser, useWatchedPage, VIEWPORTS } from './browser';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const { supervisor, supervisor2 } = stack.tokens as Record<'supervisor' | 'supervisor2', string>;
const browser = useBrowser();

async function ok<T>(res: Response, status = 200): Promise<T> {
  if (res.status !== status) throw new Error(`answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A tip whose first placeholder is the recruiter's number, and that number sealed as evidence. */
async function tipWithSealedNumber(label: string): Promise<{ tipId: string; spanId: string; value: string }> {
  const marker = `sello${label}${[...randomBytes(5)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
  const value = `9${randomInt(10_000_000, 99_999_999)}`;
  await postSignedSms(
    stack,
    twilioWebhook({ From: `+5195${randomInt(1_000_000, 9_999_999)}`, Body: `${marker} el reclutador me dio su numero ${value} para el trabajo en la pampa` }),
  );
  const tip = await queuedTip(stack, (t) => t.preview.startsWith(marker), { timeoutMs: 60_000, what: `the tip "${marker}"` });
  const detail = await ok<TipDetail>(await call(stack, supervisor, 'GET', `/api/tips/${tip.tipId}`));
  const message = detail.thread.find((entry) => entry.kind === 'in')!;
  expect(message.text).toContain('[PHONE]');
  expect(message.text).not.toContain(value);
  const spanId = await plantSealedSpan(stack, { tipId: tip.tipId, messageId: message.id, ordinal: 0, kind: 'PHONE', value });
  return { tipId: tip.tipId, spanId, value };
}

describe.each(VIEWPORTS)('sealed evidence on a $name ($width×$height)', (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);

  it('takes two supervisors to reveal a value, shows it in place to the one who asked, and keeps none of it', async () => {
    // Arrange: the second supervisor has already asked to reveal the number
    const { tipId, spanId, value } = await tipWithSealedNumber(viewport.name);
    const theirs = await ok<RevealRequestView>(
      await call(stack, supervisor2, 'POST', `/api/tips/${tipId}/evidence/${encodeURIComponent(spanId)}/reveal-requests`, {
        reason: 'Oficio 77-2026 de la comisaría de Mazuko: piden el número',
      }),
      201,
    );
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-evidence-${step}`);
    const span = page.locator(`.evidence-span[data-span-id="${spanId}"]`);

    // Act + Assert: the supervisor opens the tip; the span shows where it is, not what it is
    await signIn(page, origin, 'supervisor', 'Sara');
    await page.goto(`${origin}/ops/#/tips/${tipId}`);
    await span.waitFor();
    expect(await page.textContent('#evidence-title')).toBe('Evidencia sellada');
    expect(await span.locator('.evidence-where strong').textContent()).toBe('Número de teléfono');
    expect(await span.locator('.evidence-context mark').textContent()).toBe('[PHONE]');
    expect(await page.content()).not.toContain(value);
    await shot('01-listed');

    // She approves the other supervisor's request
    const pending = span.locator(`.evidence-requests li[data-request-id="${theirs.requestId}"]`);
    expect(await pending.textContent()).toContain('Simón Supervisor (demo) pide revelarlo');
    await pending.locator('[data-action="approve"]').click();
    await page.locator('.evidence .notice', { hasText: 'Aprobada. Solo Simón Supervisor (demo) puede verlo' }).waitFor();
    await span.locator(`.evidence-requests li[data-request-id="${theirs.requestId}"][data-state="approved"]`).waitFor();
    await shot('02-approved-theirs');

    // She asks for her own reveal, with a reason
    await span.locator('.evidence-ask summary').click();
    await span.locator('textarea[name="reason"]').fill('Oficio 78-2026 DIRCTPTIM: la policía pide el número del reclutador');
    await span.locator('.evidence-ask-form button[type="submit"]').click();
    await page.locator('.evidence .notice', { hasText: 'Solicitud enviada' }).waitFor();
    const mine = span.locator('.evidence-mine[data-state="pending"]');
    await mine.waitFor();
    expect(await span.locator('[data-action="approve"]').count()).toBe(0);
    await shot('03-asked');

    // The second supervisor approves it; after a refresh she can show the value
    const { requests } = await ok<{ requests: RevealRequestView[] }>(await call(stack, supervisor, 'GET', `/api/tips/${tipId}/evidence`));
    const hers = requests.find((r) => r.requestedBy.name.startsWith('Sara') && r.state === 'pending')!;
    await ok(await call(stack, supervisor2, 'POST', `/api/tips/${tipId}/reveal-requests/${hers.requestId}/approve`));
    await page.click('[data-action="evidence-refresh"]');
    await span.locator('.evidence-mine[data-state="approved"]').waitFor();
    expect(await page.content()).not.toContain(value);
    await span.locator('[data-action="reveal"]').click();

    // Assert: the value in place, kept nowhere, gone when hidden
    await expect.poll(() => span.locator('.evidence-value').textContent()).toBe(value);
    expect(await span.locator('[data-action="reveal"]').isVisible()).toBe(false);
    await shot('04-shown');
    expect(await page.evaluate('JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage), location.href])')).not.toContain(value);
    await span.locator('[data-action="hide"]').click();
    expect(await span.locator('.evidence-value').count()).toBe(0);
    expect(await span.locator('[data-action="reveal"]').isVisible()).toBe(true);
    expect(await page.content()).not.toContain(value);
    await shot('05-hidden');

    expectNoForeignRequestsOrProblems(watched, origin);
  });
});

describe('sealed evidence for an operator', () => {
  const watchedPage = useWatchedPage(browser, VIEWPORTS[0]!);

  it('is not on the tip view at all', async () => {
    const { tipId } = await tipWithSealedNumber('operator');
    const { page } = watchedPage();
    await signIn(page, origin, 'operator', 'Olga');
    await page.goto(`${origin}/ops/#/tips/${tipId}`);
    await page.locator('#tip-title', { hasText: tipId }).waitFor();
    await page.locator('.thread').waitFor();
    expect(await page.locator('.evidence').count()).toBe(0);
    expectNoForeignRequestsOrProblems(watchedPage(), origin);
  });
});
