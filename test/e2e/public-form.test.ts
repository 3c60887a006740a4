// Issue 7's acceptance in real headless Chromium on a phone-sized screen: a tip sent in Spanish
// with JavaScript on and another with it off both reach the operator queue; the receipt reads an
// operator's question and answers it; nothing is requested from another origin and no cookie is
// set; the quick exit leaves no tipline entry in the session history; the headers are strict;
// the first load is weighed; and the form is photographed in Spanish, English, Quechua and
// Portuguese. A Portuguese tip goes through with JavaScript off and on, in Portuguese throughout.
// Issue 15: with JavaScript off, Back after the quick exit sends the tip or the answer again; the
// page must then show the blank form, and nothing may be stored or paged a second time.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { pageCode } from '../../functions/core/paging/page-text';
import { storedMessagesContaining } from '../support/faults';
import { twilioOutbox } from '../support/local-twilio';
import { call, getQueue, getTip, postWebTip, queuedTip } from '../support/operator';
import { waitFor } from '../support/wait';
import { foreignRequests, openPage, screenshot, useBrowser, VIEWPORTS, type WatchedPage } from './browser';

const stack = inject('stack');
const origin = new URL(stack.httpUrl).origin;
const home = `${origin}/`;
const FIRST_LOAD_BUDGET = 50 * 1024;
const RECEIPT_SHAPE = /^\d{4} \d{4} \d{4} \d{4}$/;

const browser = useBrowser();
const PHONE = VIEWPORTS.find((v) => v.name === 'phone')!;

/** A cheap phone: 360×740, touch, Spanish-speaking Peru, JavaScript on or off. */
const phone = (javaScriptEnabled: boolean): Promise<WatchedPage> => openPage(browser(), PHONE, { javaScriptEnabled });

const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** The tip in the operator queue whose text starts with `marker`. */
async function queuedWebTip(marker: string): Promise<string> {
  const tip = await queuedTip(stack, (t) => t.preview.startsWith(marker), { timeoutMs: 60_000, what: `the tip "${marker}" in the operator queue` });
  expect(tip.channel).toBe('web');
  return tip.tipId;
}

async function operatorAsks(tipId: string, question: string): Promise<void> {
  const res = await call(stack, stack.tokens.operator, 'POST', `/api/tips/${tipId}/replies`, { text: question });
  expect(res.status, await res.clone().text()).toBe(202);
}

async function threadHasAnswer(tipId: string, answer: string): Promise<void> {
  await waitFor(async () => (await getTip(stack, tipId)).thread.some((e) => e.kind === 'in' && e.text.includes(answer)), {
    timeoutMs: 60_000,
    what: `the answer "${answer}" in tip ${tipId}'s thread`,
  });
}

async function historyUrls(cdp: CDPSession): Promise<string[]> {
  const { entries } = await cdp.send('Page.getNavigationHistory');
  return entries.map((entry) => entry.url);
}

/** The session-history entries at the tipline's origin (a new tab also holds about:blank). */
const ours = (urls: string[]): string[] => urls.filter((url) => url.startsWith(origin));

/** The tipster sends the tip; returns the receipt code the page then shows. */
async function sendsTip(page: Page): Promise<string> {
  await page.click('button[name="action"][value="tip"]');
  const groups = page.locator('.receipt .code .group');
  await groups.first().waitFor();
  return (await groups.allTextContents()).join(' ');
}

/** Requests that left for another origin; the tests fail on any. */
const foreign = (requests: string[]): string[] => foreignRequests(requests, origin);

/** The form's language switch: a button that posts the form (or, with JavaScript, swaps it in place). */
async function chooseLanguage(page: Page, lang: string): Promise<void> {
  await page.click(`button[name="lang"][value="${lang}"]`);
  await page.locator(`html[lang="${lang}"]`).waitFor();
}

/** The tipster starts over, opens their inbox with the receipt and finds the operator's question there. */
async function readsQuestion(page: Page, receipt: string, question: string): Promise<void> {
  await page.click('.start-over button');
  await page.fill('#inbox-receipt', receipt);
  await page.click('#inbox-form button');
  await page.locator('.entry.out', { hasText: question }).waitFor();
}

/** The tipster answers in the inbox: the page confirms it and shows the answer in the thread. */
async function answers(page: Page, answer: string, confirmation: string): Promise<void> {
  await page.fill('#reply-text', answer);
  await page.click('button[name="action"][value="reply"]');
  await page.locator('#reply-sent:not([hidden])', { hasText: confirmation }).waitFor();
  await page.locator('.entry.in', { hasText: answer }).waitFor();
}

describe('the public tip form on a phone', () => {
  it('sends a Spanish tip with JavaScript on, reads the reply and answers it, all at one URL', async () => {
    // Arrange
    const { context, page, requests } = await phone(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urlOf = new Map<string, string>();
    const bytesOf = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => urlOf.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => bytesOf.set(e.requestId, e.encodedDataLength));
    const marker = `refjs${letters(6)}`;
    const tipText = `${marker} mi sobrina de dieciseis años trabaja en un bar y no la dejan salir`;

    try {
      // Act: the first load, weighed as it came over the wire
      const response = await page.goto(home, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const loaded = () =>
        [...urlOf.keys()]
          .filter((id) => bytesOf.has(id))
          .map((id) => new URL(urlOf.get(id)!).pathname)
          .sort();
      await expect.poll(loaded, { timeout: 10_000 }).toEqual(expect.arrayContaining(['/', '/form.css', '/form.js']));
      const firstLoad = [...bytesOf.entries()].map(([id, bytes]) => ({ path: new URL(urlOf.get(id) ?? home).pathname, bytes }));
      const total = firstLoad.reduce((sum, r) => sum + r.bytes, 0);
      console.log(`public form first load: ${total} bytes on the wire (${firstLoad.map((r) => `${r.path} ${r.bytes}`).join(', ')})`);
      expect(total).toBeLessThan(FIRST_LOAD_BUDGET);

      // The form in each language; the switch is in place, at the same URL
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      await screenshot(page, 'public-form-es');
      await chooseLanguage(page, 'en');
      await screenshot(page, 'public-form-en');
      await chooseLanguage(page, 'qu');
      await screenshot(page, 'public-form-qu');
      await chooseLanguage(page, 'pt');
      await screenshot(page, 'public-form-pt');
      await chooseLanguage(page, 'es');

      // What is typed survives a language switch
      await page.fill('#tip-text', tipText);
      await page.fill('#tip-where', 'La Pampa');
      await page.check('input[name="minor"][value="yes"]');
      await page.check('input[name="now"][value="yes"]');
      await chooseLanguage(page, 'en');
      expect(await page.inputValue('#tip-text')).toBe(tipText);
      expect(await page.inputValue('#tip-where')).toBe('La Pampa');
      expect(await page.isChecked('input[name="minor"][value="yes"]')).toBe(true);
      await chooseLanguage(page, 'es');

      // An empty text is refused next to the field, before anything is sent
      const typed = await page.inputValue('#tip-text');
      await page.fill('#tip-text', '   ');
      await page.click('button[name="action"][value="tip"]');
      await expect.poll(() => page.textContent('#tip-text-error')).toContain('Escribe qué está pasando');
      expect(await page.getAttribute('#tip-text', 'aria-invalid')).toBe('true');
      await page.fill('#tip-text', typed);

      // With no signal, the tip is kept and the tipster told so
      await context.setOffline(true);
      await page.click('button[name="action"][value="tip"]');
      await page.locator('#tip-notice:not([hidden])', { hasText: 'No hay conexión' }).waitFor();
      expect(await page.inputValue('#tip-text')).toBe(typed);
      await context.setOffline(false);

      const receipt = await sendsTip(page);
      await screenshot(page, 'public-form-receipt-js');

      // Assert: the receipt, the queue, and still one history entry at /
      expect(receipt).toMatch(RECEIPT_SHAPE);
      expect(page.url()).toBe(home);
      expect(ours(await historyUrls(cdp))).toEqual([home]);
      const tipId = await queuedWebTip(marker);
      expect((await getTip(stack, tipId)).text).toContain('La Pampa');

      // The receipt reads the operator's question and answers it
      const question = `¿Sigue en el mismo bar? ${letters(4)}`;
      await operatorAsks(tipId, question);
      await readsQuestion(page, receipt, question);
      const answer = `si sigue ahi desde el lunes ${letters(5)}`;
      await answers(page, answer, 'Enviado');
      expect(await page.inputValue('#reply-text')).toBe('');
      // A full-page shot draws the sticky bar where the page is scrolled to.
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'public-form-inbox-js');
      await threadHasAnswer(tipId, answer);

      // Nothing left the origin, nothing was stored, still one entry at /
      expect(page.url()).toBe(home);
      expect(ours(await historyUrls(cdp))).toEqual([home]);
      expect(foreign(requests)).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
    } finally {
      await context.close();
    }
  });

  it('sends a Spanish tip with JavaScript off, reads the reply and answers it, all at one URL', async () => {
    // Arrange
    const { context, page, requests } = await phone(false);
    const marker = `refnojs${letters(6)}`;
    const tipText = `${marker} a mi hermano le quitaron su dni en el campamento y dice que debe el pasaje`;

    try {
      // Act: a language switch posts the same form and keeps the text
      await page.goto(home);
      await page.fill('#tip-text', tipText);
      await page.check('input[name="minor"][value="unknown"]');
      await chooseLanguage(page, 'en');
      expect(await page.inputValue('#tip-text')).toBe(tipText);
      expect(await page.isChecked('input[name="minor"][value="unknown"]')).toBe(true);
      await chooseLanguage(page, 'es');

      // A place that is too long is refused next to its field, the text kept
      await page.fill('#tip-where', 'x'.repeat(201));
      await page.click('button[name="action"][value="tip"]');
      await page.locator('#tip-where-error:not([hidden])').waitFor();
      expect(await page.getAttribute('#tip-where', 'aria-invalid')).toBe('true');
      expect(await page.inputValue('#tip-text')).toBe(tipText);
      await page.fill('#tip-where', 'Huaypetue');

      const receipt = await sendsTip(page);
      await screenshot(page, 'public-form-receipt-nojs');

      // Assert
      expect(receipt).toMatch(RECEIPT_SHAPE);
      expect(page.url()).toBe(home);
      const tipId = await queuedWebTip(marker);
      expect((await getTip(stack, tipId)).text).toContain('Huaypetue');

      const question = `¿Cuántas personas hay en el campamento? ${letters(4)}`;
      await operatorAsks(tipId, question);
      await readsQuestion(page, receipt, question);
      const answer = `somos como veinte y no nos pagan ${letters(5)}`;
      await answers(page, answer, 'Enviado');
      await screenshot(page, 'public-form-inbox-nojs');
      await threadHasAnswer(tipId, answer);

      expect(page.url()).toBe(home);
      expect(foreign(requests)).toEqual([]);
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sends a Portuguese tip with JavaScript off, reads the reply and answers it, in Portuguese throughout', async () => {
    // Arrange
    const { context, page, requests } = await phone(false);
    const marker = `refpt${letters(6)}`;
    const tipText = `${marker} o dono ficou com o passaporte dela e ela tá presa num quarto`;

    try {
      // Act: Portuguese is chosen like any other language, and what was typed stays
      await page.goto(home);
      await page.fill('#tip-text', tipText);
      await chooseLanguage(page, 'pt');
      expect(await page.textContent('#form-title')).toBe('Conte para nós o que está acontecendo');
      expect(await page.inputValue('#tip-text')).toBe(tipText);
      await page.fill('#tip-where', 'Iñapari');
      await page.check('input[name="now"][value="yes"]');
      const receipt = await sendsTip(page);
      await screenshot(page, 'public-form-receipt-pt');

      // Assert: the receipt speaks Portuguese, the place carries the same label as in Spanish
      expect(await page.getAttribute('html', 'lang')).toBe('pt');
      expect(await page.textContent('#receipt-title')).toBe('Recebemos sua mensagem');
      expect(receipt).toMatch(RECEIPT_SHAPE);
      const tipId = await queuedWebTip(marker);
      expect((await getTip(stack, tipId)).text).toContain('Lugar: Iñapari');

      const question = `Ela ainda está no mesmo lugar? ${letters(4)}`;
      await operatorAsks(tipId, question);
      await readsQuestion(page, receipt, question);
      // Starting over kept Portuguese, and so does the inbox
      expect(await page.getAttribute('html', 'lang')).toBe('pt');
      expect(await page.textContent('#inbox-title')).toBe('Suas mensagens');
      const answer = `sim, desde segunda ${letters(5)}`;
      await answers(page, answer, 'Enviado. Obrigado.');
      await page.locator('.entry.in', { hasText: answer }).locator('.who', { hasText: 'Você' }).waitFor();
      await screenshot(page, 'public-form-inbox-pt');
      await threadHasAnswer(tipId, answer);
      expect(page.url()).toBe(home);
      expect(foreign(requests)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sends a Portuguese tip with JavaScript on and says in Portuguese when a code is wrong', async () => {
    const { context, page, requests } = await phone(true);
    const marker = `refptjs${letters(6)}`;
    try {
      await page.goto(home);
      await chooseLanguage(page, 'pt');

      await page.fill('#inbox-receipt', '0000 0000 0000 0001');
      await page.click('#inbox-form button');
      await page.locator('#inbox-receipt-error:not([hidden])').waitFor();
      expect(await page.textContent('#inbox-receipt-error')).toBe('Esse código não está certo. Confira os 16 números.');

      await page.fill('#tip-text', `${marker} minha filha de 15 anos não voltou do garimpo`);
      const receipt = await sendsTip(page);
      expect(await page.textContent('#receipt-title')).toBe('Recebemos sua mensagem');
      expect(receipt).toMatch(RECEIPT_SHAPE);
      await queuedWebTip(marker);
      expect(page.url()).toBe(home);
      expect(foreign(requests)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says so next to the code field when the receipt is wrong, with JavaScript on and off', async () => {
    for (const js of [true, false]) {
      const { context, page } = await phone(js);
      try {
        await page.goto(home);
        await page.fill('#inbox-receipt', '0000 0000 0000 0001');
        await page.click('#inbox-form button');
        await page.locator('#inbox-receipt-error:not([hidden])').waitFor();
        expect(await page.textContent('#inbox-receipt-error')).toContain('no es correcto');
        expect(await page.getAttribute('#inbox-receipt', 'aria-invalid')).toBe('true');
      } finally {
        await context.close();
      }
    }
  });

  it('quick exit (Esc twice, or the button) leaves the neutral page and no tipline entry in the history', async () => {
    for (const how of ['escape', 'button'] as const) {
      // Arrange: the neutral site is a stub, so the test touches no real network
      const { context, page } = await phone(true);
      const neutral: string[] = [];
      await context.route(
        (url) => url.origin !== origin,
        (route) => {
          neutral.push(route.request().url());
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Clima</title><p>Soleado</p>' });
        },
      );
      const cdp = await context.newCDPSession(page);
      try {
        await page.goto(home);
        const exitUrl = await page.getAttribute('a.quick-exit', 'href');
        expect(exitUrl).toMatch(/^https:\/\//);
        expect(new URL(exitUrl!).origin).not.toBe(origin);
        // A language switch first: with JavaScript it must not add an entry either.
        await page.fill('#tip-text', 'me están siguiendo');
        await chooseLanguage(page, 'en');

        // Act
        if (how === 'escape') {
          await page.locator('#tip-text').focus();
          await page.keyboard.press('Escape');
          await page.keyboard.press('Escape');
        } else {
          await page.click('a.quick-exit');
        }
        await page.waitForURL((url) => url.origin !== origin);

        // Assert
        expect(await page.title()).toBe('Clima');
        expect(neutral[0]).toBe(exitUrl);
        const history = await historyUrls(cdp);
        expect(ours(history)).toEqual([]);
        expect(history).toContain(page.url());
        expect(await context.cookies()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('answers with strict headers on the page, its files and its API', async () => {
    const formCsp = {
      'default-src': "'none'",
      'style-src': "'self'",
      'script-src': "'self'",
      'img-src': "'self'",
      // form.js talks to /api/tips and /api/inbox; default-src 'none' would block that.
      'connect-src': "'self'",
      'form-action': "'self'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    };
    const directives = (csp: string): Record<string, string> =>
      Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
      );
    const form = (body: string) => fetch(home, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    const tipToken = async () => /id="tip-form"[\s\S]*?name="token" value="([^"]+)"/.exec(await (await fetch(home)).text())?.[1] ?? '';
    const spent = await tipToken();
    await form(`action=lang&lang=en&token=${spent}`);
    const api = (path: string, body: unknown) =>
      fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const answers: Array<[string, Response, 'html' | 'other', number]> = [
      ['GET /', await fetch(home), 'html', 200],
      ['POST / (language)', await form('action=lang&lang=qu&text=hola'), 'html', 200],
      ['POST / (empty tip)', await form(`action=tip&lang=es&text=&token=${await tipToken()}`), 'html', 400],
      // Its token spent: sent again, as Back would, it is answered by a redirect to the blank form.
      ['POST / (spent token)', await form(`action=tip&lang=es&text=hola&token=${spent}`), 'html', 303],
      ['GET /form.js', await fetch(`${origin}/form.js`), 'other', 200],
      ['GET /form.css', await fetch(`${origin}/form.css`), 'other', 200],
      ['POST /api/tips', await api('/api/tips', { text: `refheaders${letters(6)} prueba de cabeceras`, lang: 'es' }), 'other', 202],
      ['POST /api/inbox', await api('/api/inbox', { receipt: '0000 0000 0000 0001' }), 'other', 401],
    ];

    for (const [what, res, kind, status] of answers) {
      const h = (name: string) => res.headers.get(name) ?? '';
      expect(res.status, what).toBe(status);
      const csp = directives(h('content-security-policy'));
      if (kind === 'html') expect(csp, what).toEqual(formCsp);
      else expect(csp, what).toMatchObject({ 'default-src': "'none'", 'frame-ancestors': "'none'" });
      expect(h('referrer-policy'), what).toBe('no-referrer');
      expect(h('cache-control'), what).toContain('no-store');
      expect(h('x-frame-options'), what).toBe('DENY');
      expect(h('x-content-type-options'), what).toBe('nosniff');
      for (const feature of ['camera', 'microphone', 'geolocation']) expect(h('permissions-policy'), what).toContain(`${feature}=()`);
      expect(h('set-cookie'), what).toBe('');
    }
    expect(await answers[1]![1].text()).toContain('>hola</textarea>');
  });
});

describe('Back after the quick exit, with JavaScript off', () => {
  const PAGE_HEAD = /^tipline (?:CRITICO|CRITICAL|ALTO|HIGH) T-([0-9A-Z]{4})\b/;

  /** A phone with JavaScript off whose quick exit lands on a stub (no network), counting the form posts it sends. */
  async function phoneWithoutScript() {
    const watched = await phone(false);
    await watched.context.route(
      (url) => url.origin !== origin,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Clima</title><p>Soleado</p>' }),
    );
    const posts: string[] = [];
    watched.context.on('request', (request) => {
      if (request.method() === 'POST' && request.url().startsWith(origin)) posts.push(request.postData() ?? '');
    });
    return { ...watched, posts };
  }

  /** The tipster leaves by the quick exit; someone else presses Back, and accepts sending the form again if asked. */
  async function quickExitThenBack(page: Page): Promise<void> {
    await page.click('a.quick-exit');
    await page.waitForURL((url) => url.origin !== origin);
    expect(await page.title()).toBe('Clima');
    await page.goBack();
    // Chromium sends the post again on Back; a browser that asks first sends it on reload.
    await page.reload();
    await page.waitForURL(home);
  }

  /** What a page shows, templates for form.js left out. */
  const shown = async (page: Page): Promise<string> => ((await page.locator('#content').textContent()) ?? '').trim();

  /** The SIDs of the pages the local Twilio sent for these tips. */
  async function pagesFor(tipIds: string[]): Promise<string[]> {
    const codes = new Set<string>(tipIds.map((id) => pageCode(id)));
    return (await twilioOutbox(stack.twilioApiUrl)).filter((m) => codes.has(PAGE_HEAD.exec(m.body)?.[1] ?? '')).map((m) => m.sid);
  }

  /** A later tip has been triaged: anything the Back had queued would have been by now. */
  async function laterTipTriaged(): Promise<void> {
    const marker = `refsentinel${letters(6)}`;
    expect((await postWebTip(stack, { text: `${marker} prueba`, lang: 'es' })).status).toBe(202);
    await queuedWebTip(marker);
  }

  it('after a tip: no second tip, no second page, no receipt shown, only the blank form', async () => {
    // Arrange: a tip that pages the on-call responder of Madre de Dios (unless paging's guards
    // already cover one like it), sent without JavaScript
    const { context, page, posts } = await phoneWithoutScript();
    const marker = `refback${letters(6)}`;
    try {
      await page.goto(home);
      await page.fill('#tip-text', `${marker} mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI`);
      await page.fill('#tip-where', 'La Pampa');
      await page.check('input[name="minor"][value="yes"]');
      await page.check('input[name="now"][value="yes"]');
      const receipt = await sendsTip(page);
      expect(receipt).toMatch(RECEIPT_SHAPE);
      const tipId = await queuedWebTip(marker);
      // Its page, if paging sends one, before the tipster leaves.
      await waitFor(async () => (await pagesFor([tipId])).length > 0, { timeoutMs: 20_000, what: 'the page for the tip' }).catch(() => undefined);
      const pagesBefore = await pagesFor([tipId]);
      console.log(`the tip sent from the form paged ${pagesBefore.length} time(s) before the quick exit`);
      const postsBefore = posts.length;

      // Act
      await quickExitThenBack(page);
      await screenshot(page, 'public-form-back-after-tip-nojs');

      // Assert: the post went again, and was answered by the blank form
      expect(posts.length).toBeGreaterThan(postsBefore);
      expect(posts.at(-1)).toContain(marker);
      expect(page.url()).toBe(home);
      await page.locator('#tip-form').waitFor();
      expect(await page.inputValue('#tip-text')).toBe('');
      const text = await shown(page);
      expect(text).not.toContain(marker);
      for (const group of receipt.split(' ')) expect(text).not.toContain(group);
      expect(await page.locator('.receipt').count()).toBe(0);

      await laterTipTriaged();
      expect((await getQueue(stack)).filter((t) => t.preview.includes(marker)).map((t) => t.tipId)).toEqual([tipId]);
      expect(await storedMessagesContaining(stack.dynamoDbEndpoint, marker)).toHaveLength(1);
      expect(await pagesFor([tipId])).toEqual(pagesBefore);
    } finally {
      await context.close();
    }
  });

  it('after reading and answering the inbox: the answer stored once, no conversation shown, only the blank form', async () => {
    // Arrange: a tip with a receipt and an operator's question
    const { context, page, posts } = await phoneWithoutScript();
    const marker = `refbackinbox${letters(6)}`;
    const sent = await postWebTip(stack, { text: `${marker} a mi hermana le quitaron el dni en el campamento`, lang: 'es' });
    const { receipt } = (await sent.json()) as { receipt: string };
    const tipId = await queuedWebTip(marker);
    const question = `¿Sigue en el campamento? ${letters(4)}`;
    await operatorAsks(tipId, question);
    const answer = `si sigue ahi ${letters(6)}`;
    try {
      await page.goto(home);
      await page.fill('#inbox-receipt', receipt);
      await page.click('#inbox-form button');
      await page.locator('.entry.out', { hasText: question }).waitFor();
      await answers(page, answer, 'Enviado');
      await threadHasAnswer(tipId, answer);
      const postsBefore = posts.length;

      // Act: Back lands on the answer's post; Back again on the inbox's
      await quickExitThenBack(page);
      await screenshot(page, 'public-form-back-after-inbox-nojs');
      const afterAnswer = await shown(page);
      await page.goBack();
      await page.reload();
      await page.waitForURL(home);
      const afterInbox = await shown(page);

      // Assert: both went again, and neither shows the conversation
      expect(posts.length).toBeGreaterThanOrEqual(postsBefore + 2);
      expect(posts.slice(postsBefore).some((p) => p.includes('action=reply'))).toBe(true);
      expect(posts.slice(postsBefore).some((p) => p.includes('action=inbox'))).toBe(true);
      for (const text of [afterAnswer, afterInbox]) {
        expect(text).not.toContain(question);
        expect(text).not.toContain(answer);
        expect(text).not.toContain(marker);
        for (const group of receipt.split(' ')) expect(text).not.toContain(group);
      }
      await page.locator('#tip-form').waitFor();
      expect(await page.locator('.inbox').count()).toBe(0);

      const later = `ademas ${letters(6)}`;
      expect((await call(stack, undefined, 'POST', '/api/inbox/reply', { receipt, text: later })).status).toBe(202);
      await threadHasAnswer(tipId, later);
      expect((await getTip(stack, tipId)).thread.filter((e) => e.kind === 'in' && e.text.includes(answer))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
