// Issue 6 in the browser, on a laptop and on a phone: a critical tip from Madre de Dios pages the
// demo on-call responder. The developer panel (local stack only) shows that page as the local
// Twilio recorded it, free of the tipster's words; the tip's on-call section shows its code and
// that no one has acknowledged yet; an `ACK <code>` SMS from the responder's phone turns the
// section to "Confirmado por …". Screenshots go to test-results/e2e/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { call, getTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { expectNoForeignRequestsOrProblems, screenshot, signIn, useBrowser, useWatchedPage, VIEWPORTS } from './browser';
import { onCallFor } from './roster';
import { seedCriticalTip } from './seed';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const PAGE_HEAD = /^tipline (CRITICO|CRITICAL) T-([0-9A-Z]{4})\b/;
const browser = useBrowser();

// The other files of this stack page Madre de Dios too, and past the region's page budget a page
// is held (issue 15; test/integration/paging-guards.test.ts): here, its policy gets a budget no
// test reaches, for this file only.
const MDD = demoRoster.policies.find((p) => p.policyId === 'madre-de-dios')!;
const putMddPolicy = (extra: Record<string, unknown>) =>
  call(stack, stack.tokens.supervisor, 'PUT', '/api/roster/policies/madre-de-dios', { region: MDD.region, levels: MDD.levels, ...extra });
beforeAll(async () => {
  expect((await putMddPolicy({ pageBudgetPerHour: 200 })).ok).toBe(true);
});
afterAll(async () => {
  await putMddPolicy({});
});

const words = (text: string): Set<string> => new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.normalize('NFD').replace(/\p{M}/gu, '')));

/** The outbox rows the developer panel shows, top (newest) first. */
const outboxRows = (page: Page) =>
  page.locator('.dev .outbox li[data-sid]').evaluateAll((rows) =>
    rows.map((li) => ({
      sid: li.getAttribute('data-sid') ?? '',
      to: li.querySelector('.outbox-to')?.textContent ?? '',
      body: li.querySelector('.outbox-body')?.textContent ?? '',
    })),
  );

describe.each(VIEWPORTS)('on call in the dashboard on a $name ($width×$height)', (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);

  it('shows the page in the developer panel and on the tip, then the acknowledgement', async () => {
    // Arrange: a critical tip for Madre de Dios, and who the demo roster has on call there
    const seeded = await seedCriticalTip(stack, viewport.name);
    const detail = await getTip(stack, seeded.tipId);
    expect(detail.region).toBe('Madre de Dios');
    // Paging runs on the local stack's clock, which tests may have moved ahead of the wall clock.
    const { offsetMs } = (await (await fetch(`${stack.httpUrl}/local/clock`)).json()) as { offsetMs: number };
    const responder = onCallFor('Madre de Dios', new Date(Date.now() + offsetMs));
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-${step}`);

    await signIn(page, origin, 'operator');
    await page.locator(`li[data-tip-id="${seeded.tipId}"] a`).click();
    await page.locator('#tip-title', { hasText: seeded.tipId }).waitFor();

    // Act + Assert: the on-call section shows the code and that nobody has acknowledged yet
    const section = page.locator('.on-call');
    await page.locator('.on-call[data-state="pending"]').waitFor({ timeout: 30_000 });
    const code = (await section.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}$/);
    expect(await section.locator('.on-call-state').textContent()).toMatch(
      new RegExp(`^Código T-${code} — Nivel ${responder.step + 1} — ACK pendiente \\(vence \\d\\d:\\d\\d\\)$`),
    );
    await section.locator(`.pages li[data-responder="${responder.responderId}"]`, { hasText: responder.name }).waitFor();

    // `d` opens the developer panel; it lists exactly one page for this tip, to the responder
    expect(await page.locator('.dev').count()).toBe(1);
    await page.keyboard.press('d');
    await page.locator('#dev-body').waitFor();
    expect(await page.getAttribute('[data-action="dev-toggle"]', 'aria-expanded')).toBe('true');
    await page.locator('.dev .dev-note', { hasText: 'no salieron de esta máquina' }).waitFor();
    const pagesFor = async () => (await outboxRows(page)).filter((m) => PAGE_HEAD.exec(m.body)?.[2] === code);
    await expect.poll(async () => (await pagesFor()).length, { timeout: 15_000, interval: 250 }).toBe(1);
    const pages = await pagesFor();
    const sent = pages[0]!;
    expect(sent.to).toBe(`Para ${responder.phone}`);
    // Nothing the tipster wrote reaches the responder's phone, bar the region's name
    const regionWords = words(detail.region ?? '');
    const leaked = [...words(sent.body)].filter((w) => words(seeded.text).has(w) && !regionWords.has(w));
    expect(leaked, sent.body).toEqual([]);
    expect(sent.body).not.toContain(seeded.from);
    await shot('11-dev-panel-page');

    // The responder answers from their phone: an SMS through Twilio's signed webhook
    const ack = await postSignedSms(stack, twilioWebhook({ From: responder.phone, Body: `ACK ${code}` }));
    expect(ack.status).toBe(200);

    // The section turns to who acknowledged, and the confirmation lands on top of the outbox
    await page.locator('.on-call[data-state="acknowledged"]').waitFor({ timeout: 30_000 });
    const name = responder.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(await section.locator('.on-call-state').textContent()).toMatch(new RegExp(`^Confirmado por ${name} \\(.+\\) a las \\d\\d:\\d\\d$`));
    await expect
      .poll(async () => (await outboxRows(page))[0], { timeout: 15_000, interval: 250 })
      .toMatchObject({ to: `Para ${responder.phone}`, body: expect.stringContaining(`T-${code}`) });
    expect((await outboxRows(page))[0]?.sid).not.toBe(sent.sid);
    await shot('12-on-call-acknowledged');

    // `d` again closes it, and the simulated numbers leave the page with it
    await page.keyboard.press('d');
    await page.locator('#dev-body').waitFor({ state: 'hidden' });
    expect(await page.locator('.dev .outbox li').count()).toBe(0);
    const html = await page.content();
    expect(html).not.toContain(responder.phone);
    expect(html).not.toContain(seeded.from.slice(3));

    // English labels the same section
    await page.click('.bar nav button[lang="en"]');
    await page.locator('.on-call h3', { hasText: 'On call' }).waitFor();
    expect(await section.locator('.on-call-state').textContent()).toMatch(/^Acknowledged by .+ at \d\d:\d\d$/);
    await page.click('.bar nav button[lang="es"]');

    expectNoForeignRequestsOrProblems(watched, origin);
  });
});
