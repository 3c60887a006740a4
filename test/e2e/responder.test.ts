// A responder in the dashboard: paged for a critical tip, they open
// it and see its urgency, the tipster's redacted words and their page, and nothing of the
// operators' work (no note, no claim, no forms); a tip not paged to them reads "does not exist",
// as an unknown id does. Their token carries the roster id in custom:responderId, as Cognito's
// would; the local issuer signs it. On a phone only, as responders in the field read it, and with
// one critical tip of its own text, so as to spend as little of the region's page budget (and
// look as little like the other files' tips) as it can. Screenshots go to test-results/e2e/.
import { describe, expect, inject, it } from 'vitest';
import type { PagingView } from '../../functions/core/paging/page-view';
import { localIdentity } from '../../local/identity';
import { call, postWebTip, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';
import { expectNoForeignRequestsOrProblems, screenshot, useBrowser, useWatchedPage, VIEWPORTS } from './browser';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;
const browser = useBrowser();

const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** A critical SMS tip from Mazuko (Madre de Dios), in the queue. */
async function criticalTip(marker: string): Promise<{ tipId: string }> {
  const from = `+519${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
  await postSignedSms(
    stack,
    twilioWebhook({ From: from, Body: `${marker} urgente: en un bar de mazuko tienen encerrada a una niña de 14 años y no la dejan salir` }),
  );
  const tip = await queuedTip(stack, (t) => t.preview.startsWith(marker), { timeoutMs: 60_000, what: `the tip ${marker}` });
  if (tip.level !== 'critical') throw new Error(`the tip ${marker} scored ${tip.level}, not critical`);
  return tip;
}

describe.each(VIEWPORTS.filter((v) => v.name === 'phone'))('a responder in the dashboard on a $name ($width×$height)', (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);

  it('opens the tip paged to them, with no operator work on it, and no other tip', async () => {
    // Arrange: a critical tip, paged; the operator claims it and writes a note
    const marker = `guardiaresp${letters(6)}`;
    const seeded = { marker, ...(await criticalTip(marker)) };
    const note = `nota interna ${viewport.name}: no llamar a la comisaría de Mazuko`;
    expect((await call(stack, operator, 'POST', `/api/tips/${seeded.tipId}/claim`)).status).toBe(200);
    expect((await call(stack, operator, 'POST', `/api/tips/${seeded.tipId}/notes`, { text: note })).status).toBe(201);
    const responderId = await waitFor(
      async () => ((await (await call(stack, supervisor, 'GET', `/api/tips/${seeded.tipId}/pages`)).json()) as PagingView).pages[0]?.responder.id,
      { what: `the page for ${seeded.tipId}`, timeoutMs: 30_000 },
    );
    const token = localIdentity(stack.httpUrl, stack.identityPrivateKey).idToken('responder', {
      'custom:responderId': responderId,
      name: 'Guardia de prueba (e2e)',
    });
    expect((await postWebTip(stack, { text: `${marker}web hola, cual es el horario de atencion?`, lang: 'es' })).status).toBe(202);
    const unpaged = (await queuedTip(stack, (t) => t.preview.startsWith(`${marker}web`), { what: 'the low web tip' })).tipId;
    const watched = watchedPage();
    const { page } = watched;

    // Act: sign in with that token, open the tip
    await page.goto(`${origin}/ops/#id_token=${token}`);
    await page.locator('.bar .who', { hasText: 'Guardia de prueba (e2e)' }).waitFor();
    // The dashboard's own route (#/tips/ID), as a link would set it; ids are 8 letters and digits.
    const open = async (id: string) => page.evaluate(`location.hash = '#/tips/${id}'`);
    await open(seeded.tipId);

    // Assert: its urgency, place, the tipster's words and the page; no note, claim or form
    await page.locator('#tip-title', { hasText: seeded.tipId }).waitFor();
    await page.locator(`.on-call[data-code="${seeded.tipId.slice(0, 4)}"]`).waitFor();
    expect(await page.locator('.tip-badges [data-level="critical"]').count()).toBe(1);
    expect(await page.locator('.thread .entry-in').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.thread .entry-in .entry-text').first().textContent()).toContain(seeded.marker);
    expect(await page.locator('.places li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator(`.on-call .pages li[data-responder="${responderId}"]`).count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.on-call .pages li').count()).toBe(await page.locator(`.on-call .pages li[data-responder="${responderId}"]`).count());
    for (const absent of ['.entry-note', '.claim-box', '.reply-form', '.why', '.tip form']) expect(await page.locator(absent).count(), absent).toBe(0);
    const html = await page.content();
    expect(html).not.toContain('nota interna');
    expect(html).not.toContain('Olga');
    await screenshot(page, `${viewport.name}-21-responder-tip`);

    // Act + Assert: a tip not paged to them reads as one that does not exist
    const before = watched.problems.length;
    const notFoundText = async (id: string) => {
      await open(id);
      await page.locator('#tip-title', { hasText: id }).waitFor();
      return page.locator('.tip .alert').textContent();
    };
    const unpagedText = await notFoundText(unpaged);
    expect(unpagedText).toBe(await notFoundText('ZZZZZZZZ'));
    expect(unpagedText).toBe('Esta denuncia no existe.');
    expect(await page.locator('.entry-in').count()).toBe(0);
    await screenshot(page, `${viewport.name}-22-responder-not-paged`);
    // The two 404s, logged by the browser; nothing else went wrong.
    expect(watched.problems.splice(before)).toEqual([expect.stringContaining('status of 404'), expect.stringContaining('status of 404')]);
    expectNoForeignRequestsOrProblems(watched, origin);
  });
});
