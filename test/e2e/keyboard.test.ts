// The shortcuts an operator uses for hours: j/k through the queue, Enter to open, ? for help,
// Esc back; and none of them fire while typing.
import { describe, expect, inject, it } from 'vitest';
import { postWebTip } from '../support/operator';
import { expectNoForeignRequestsOrProblems, SHOTS, useBrowser, useWatchedPage, VIEWPORTS } from './browser';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const watchedPage = useWatchedPage(useBrowser(), VIEWPORTS[0]!);

describe('keyboard shortcuts', () => {
  it('move, open, help and go back without touching the mouse', async () => {
    // Arrange: at least two open tips, and a signed-in operator
    const marker = `atajos${Date.now().toString(36).replace(/\d/g, '')}`;
    for (const text of [`${marker} hola, una consulta`, `${marker} gracias por la charla`]) {
      expect((await postWebTip(stack, { text })).status).toBe(202);
    }
    const watched = watchedPage();
    const { page } = watched;
    await page.goto(`${origin}/local/sign-in?as=operator`);
    // Both triaged and on screen, so that no refresh reorders the rows under the keys
    await expect.poll(() => page.locator('.queue-list li', { hasText: marker }).count(), { timeout: 30_000, interval: 250 }).toBe(2);
    const rows = page.locator('.queue-list li');
    const [first, second] = [await rows.nth(0).getAttribute('data-tip-id'), await rows.nth(1).getAttribute('data-tip-id')];
    const selected = () => page.locator('.queue-list li.selected').getAttribute('data-tip-id');
    const focusedRow = () => page.locator('.queue-list a:focus').evaluate((a) => a.closest('li')?.getAttribute('data-tip-id'));

    // Act + Assert: j, j, k
    await page.keyboard.press('j');
    expect([await selected(), await focusedRow()]).toEqual([first, first]);
    await page.keyboard.press('j');
    expect([await selected(), await focusedRow()]).toEqual([second, second]);
    await page.keyboard.press('k');
    expect(await selected()).toBe(first);

    // Enter opens the selected tip
    await page.keyboard.press('Enter');
    await page.locator('#tip-title', { hasText: first! }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/tips/${first}`);

    // Typing in the note box is typing, not shortcuts
    await page.click('#note-text');
    await page.keyboard.type('jk?c');
    expect(await page.inputValue('#note-text')).toBe('jk?c');
    expect(await page.locator('dialog.help[open]').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.locator('#note-text').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(false);

    // ? shows the help; Esc closes it; Esc again goes back to the queue
    await page.keyboard.press('?');
    await page.locator('dialog.help[open]').waitFor();
    await page.screenshot({ path: `${SHOTS}/laptop-10-shortcuts-help.png` });
    await page.keyboard.press('Escape');
    await page.locator('dialog.help').waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await page.locator('.tip-none').waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    expectNoForeignRequestsOrProblems(watched, origin);
  });
});
