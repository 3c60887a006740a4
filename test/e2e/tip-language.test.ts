// What the dashboard says about a tip's language and about characters intake removed, on a
// laptop and on a phone: a Quechua tip is tagged in its queue row, on the line its region is
// on, and its view says an interpreter may be needed; a message that had invisible or
// direction-control characters, which intake removed, carries a mark that explains itself.
// Screenshots go to test-results/e2e/.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { getTip, postWebTip, queuedTip } from '../support/operator';
import { expectNoForeignRequestsOrProblems, screenshot, signIn, useBrowser, useWatchedPage, VIEWPORTS } from './browser';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const browser = useBrowser();

const letters = (n: number): string => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

async function webTip(text: string, lang: 'es' | 'qu'): Promise<string> {
  const res = await postWebTip(stack, { text, lang });
  if (res.status !== 202) throw new Error(`web tip answered ${res.status}: ${await res.text()}`);
  return (await queuedTip(stack, (t) => t.preview.startsWith(text.split(' ')[0]!), { timeoutMs: 60_000, what: `the ${lang} tip` })).tipId;
}

/** A right-to-left override and its pop around a word: the word would display backwards. */
const reversed = (word: string): string => `\u202e${word}\u202c`;

/** Whether every child of `.row-meta` in the row sits on one line, and nothing in the row overflows it. */
const rowFits = (page: Page, tipId: string) =>
  page.locator(`.queue-list li[data-tip-id="${tipId}"] .row`).evaluate((row) => {
    // One line: every part's middle within a few pixels of the others' (a bordered tag is taller
    // than plain text, and the parts are centred, so their tops differ by a pixel or two).
    const middles = [...row.querySelectorAll('.row-meta > *')].map((el) => {
      const box = el.getBoundingClientRect();
      return box.top + box.height / 2;
    });
    return { oneLine: Math.max(...middles) - Math.min(...middles) <= 4, overflows: row.scrollWidth > row.clientWidth };
  });

describe.each(VIEWPORTS)("a tip's language and hidden characters on a $name ($width×$height)", (viewport) => {
  const watchedPage = useWatchedPage(browser, viewport);

  it('tags the queue row, asks for an interpreter for Quechua, and marks a message whose hidden characters were removed', async () => {
    // Arrange: a Quechua tip with two direction controls in it and a Spanish one, no indicator in
    // either (one short line of meta each)
    const marker = `lengua${viewport.name}${letters(6)}`;
    const quechua = await webTip(`${marker}qu imaynalla, ${reversed('yanapawaychik')}`, 'qu');
    const spanish = await webTip(`${marker}es hola, una consulta`, 'es');
    const stored = (await getTip(stack, quechua)).thread.find((entry) => entry.kind === 'in');
    expect(stored).toMatchObject({ text: `${marker}qu imaynalla, yanapawaychik`, lang: 'qu', hidden: 2 });
    const watched = watchedPage();
    const { page } = watched;
    const shot = (step: string) => screenshot(page, `${viewport.name}-language-${step}`);

    // Act + Assert: the queue tags each row with its language, on the line the region is on
    await signIn(page, origin, 'operator');
    await expect.poll(() => page.locator('.queue-list li', { hasText: marker }).count(), { timeout: 30_000, interval: 250 }).toBe(2);
    const tag = (tipId: string) => page.locator(`.queue-list li[data-tip-id="${tipId}"] .row-meta .lang-tag`);
    expect(await tag(quechua).getAttribute('data-lang')).toBe('qu');
    expect(await tag(quechua).getAttribute('title')).toBe('quechua');
    expect(await tag(quechua).locator('[aria-hidden="true"]').textContent()).toBe('QU');
    expect(await tag(quechua).locator('.sr-only').textContent()).toBe('quechua');
    expect(await tag(spanish).getAttribute('data-lang')).toBe('es');
    for (const tipId of [quechua, spanish]) expect(await rowFits(page, tipId), tipId).toEqual({ oneLine: true, overflows: false });
    await shot('01-queue');

    // The Quechua tip: its language in full, and a note that an interpreter may be needed
    await page.click(`li[data-tip-id="${quechua}"] a`);
    await page.locator('#tip-title', { hasText: quechua }).waitFor();
    expect(await page.textContent('.tip-badges .lang-tag')).toBe('QU · quechua');
    expect(await page.textContent('.tip-header .lang-note[data-lang="qu"]')).toContain('intérprete');

    // The message that had hidden characters says so, and explains itself on a tap as on hover
    const mark = page.locator('.entry-in .hidden-chars');
    expect(await mark.getAttribute('data-hidden')).toBe('2');
    expect(await mark.locator('summary').textContent()).toBe('⚠ caracteres ocultos eliminados (2)');
    expect(await mark.locator('summary').getAttribute('title')).toContain('invisibles o que cambian la dirección');
    expect(await mark.locator('p').isVisible()).toBe(false);
    await mark.locator('summary').click();
    expect(await mark.locator('p').isVisible()).toBe(true);
    expect(await mark.locator('p').textContent()).toContain('lo que realmente envió');
    await shot('02-quechua-tip');

    // In English on request
    await page.click('.bar nav button[lang="en"]');
    await page.locator('.tip-badges .lang-tag', { hasText: 'QU · Quechua' }).waitFor();
    expect(await page.textContent('.tip-header .lang-note')).toContain('interpreter');
    expect(await mark.locator('summary').textContent()).toBe('⚠ hidden characters removed (2)');
    expect(await mark.locator('summary').getAttribute('title')).toContain('invisible or direction-changing characters');
    await shot('03-quechua-tip-english');
    await page.click('.bar nav button[lang="es"]');
    await page.locator('.tip-badges .lang-tag', { hasText: 'QU · quechua' }).waitFor();

    // The Spanish tip: its language, no note, no mark
    await page.keyboard.press('Escape');
    await page.click(`li[data-tip-id="${spanish}"] a`);
    await page.locator('#tip-title', { hasText: spanish }).waitFor();
    expect(await page.textContent('.tip-badges .lang-tag')).toBe('ES · castellano');
    expect(await page.locator('.lang-note').count()).toBe(0);
    expect(await page.locator('.hidden-chars').count()).toBe(0);

    expectNoForeignRequestsOrProblems(watched, origin);
  });
});
