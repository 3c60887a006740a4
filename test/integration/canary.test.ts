// Anonymity, tested: tips carrying canary numbers, e-mails, ID numbers, names, IP addresses
// and User-Agents go through every channel and path; then every table, every queue (the
// dead-letter queues too) and everything the stack printed are searched for them.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { dumpTables, dynamo, peekQueues, sqs } from '../support/local-aws';
import { twilioDeleted } from '../support/local-twilio';
import { call, getTip, postReply, postWebTip, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');

/** Written and spoken forms of the canaries; digits are also searched with separators removed. */
const CANARY_TEXT = [
  'Canarina',
  'Quispeyupanqui',
  'canarina.q77@correo.pe',
  'Ximena',
  'Canaricahua',
  'canarita_77',
  'Gwendolyn',
  'Canaryworth',
  'gwen.canary@example.org',
  'X9876543',
  '198.51.100.23',
  '203.0.113.77',
  'CanaryBrowser',
  'canario-ua',
];
const CANARY_DIGITS = ['977123456', '965432187', '73518264', '966111222', '955444333', '7700900777', '20301137', '1985110023', '81234567'];

const squash = (text: string) => text.toLowerCase().replace(/[\s.\-()+/]/g, '');

function hits(haystack: string): string[] {
  const lower = haystack.toLowerCase();
  const squashed = squash(haystack);
  return [...CANARY_TEXT.filter((canary) => lower.includes(canary.toLowerCase())), ...CANARY_DIGITS.filter((digits) => squashed.includes(digits))];
}

/**
 * The red team's classes, rebuilt with canaries of our own: identifiers as people really type
 * them, a number split over two messages of a thread, the writer's address, and a recruiter's
 * number that must be sealed as evidence rather than stored.
 */
const CLASS_CANARY_TEXT = [
  'Florinda',
  'Canarejo',
  'Gumercinda',
  'Canarpuma',
  'nuebe sinco siete',
  'Eduviges',
  'Canaramayo',
  'eduviges.canar',
  'eduvcanar',
  'canar_x77',
  'Canarinho',
  'empleos.canarios',
  'Rosaura',
  'Canaripa',
];
const CLASS_CANARY_DIGITS = ['948217365', '951372846', '947318265', '952618473', '956417283', '968413725', '41728635'];

function classHits(haystack: string): string[] {
  const lower = haystack.toLowerCase();
  const squashed = squash(haystack);
  return [...CLASS_CANARY_TEXT.filter((canary) => lower.includes(canary.toLowerCase())), ...CLASS_CANARY_DIGITS.filter((digits) => squashed.includes(digits))];
}

describe('canaries', () => {
  it('leave no trace in any table, queue or log line', async () => {
    // Arrange + Act: an SMS, a WhatsApp message in two fragments, a web tip, a reply, an erasure
    const sms = twilioWebhook({
      From: '+51977123456',
      Body:
        'canario-sms: me llamo Canarina Quispeyupanqui, mi cel 9 6 5 4 3 2 1 8 7, dni 73518264, correo canarina.q77@correo.pe, ' +
        'mi ip 203.0.113.77. mi hija de 15 esta en un bar en mazuko',
    });
    expect((await postSignedSms(stack, sms)).status).toBe(200);
    const whatsapp = 'whatsapp:+51966111222';
    for (const fragment of [
      'canario-wa: soy Ximena Canaricahua, mi número es +51 955-444-333',
      'mi instagram @canarita_77, mi dni 8 1 2 3 4 5 6 7. le quitaron el dni a mi hermana',
    ]) {
      expect((await postSignedSms(stack, twilioWebhook({ From: whatsapp, Body: fragment }))).status).toBe(200);
    }
    const web = await fetch(`${stack.httpUrl}/api/tips`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'CanaryBrowser/9.9 (canario-ua)',
        'x-forwarded-for': '198.51.100.23',
        'x-real-ip': '198.51.100.23',
      },
      body: JSON.stringify({
        text:
          'canario-web: My name is Gwendolyn Canaryworth, call me at +44 7700 900777 or gwen.canary@example.org, passport X9876543. ' +
          'The bar owner in La Pampa is called Pancracio Canarilla and keeps a 14-year-old locked in.',
        lang: 'en',
      }),
    });
    expect(web.status).toBe(202);

    const smsTip = await queuedTip(stack, 'canario-sms', { what: 'the SMS tip' });
    await queuedTip(stack, (t) => t.preview.includes('canario-wa') && t.messageCount === 2, { what: 'the WhatsApp thread' });
    const webTip = await queuedTip(stack, 'canario-web', { what: 'the web tip' });
    expect((await postReply(stack, smsTip.tipId, '¿Sigue ahí?')).status).toBe(202);
    // a case of both tips, referred to an agency with a summary the operator typed, identifiers and all
    const { operator } = stack.tokens as Record<'operator', string>;
    const linked = await call(stack, operator, 'POST', `/api/tips/${webTip.tipId}/link`, { to: smsTip.tipId });
    expect(linked.status).toBe(200);
    const { caseId } = (await linked.json()) as { caseId: string };
    const referral = await call(stack, operator, 'POST', `/api/cases/${caseId}/referrals`, {
      agencyId: 'fistrap-mdd',
      summary: 'canario-ref: la madre escribio desde el 965 432 187, dni 73518264, correo canarina.q77@correo.pe; su hija de 15 esta en un bar en mazuko',
      share: { level: true, indicators: true, places: true },
    });
    expect(referral.status).toBe(201);
    expect((await postSignedSms(stack, twilioWebhook({ From: '+51977123456', Body: 'BORRAR' }))).status).toBe(200);
    await waitFor(async () => (await twilioDeleted(stack.twilioApiUrl)).includes(sms.MessageSid!), { timeoutMs: 20_000, what: "Twilio's copy deleted" });

    // Assert: the scan sees real data (a scan of nothing would pass)
    const tables = await dumpTables(dynamo(stack.dynamoDbEndpoint));
    const queues = await peekQueues(sqs(stack.sqsEndpoint));
    const log = readFileSync(stack.logPath, 'utf8');
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining([
        'Tips',
        'Messages',
        'Contacts',
        'Receipts',
        'ContactVault',
        'Audit',
        'Roster',
        'ResponderContacts',
        'Paging',
        'PageDeliveries',
        'Cases',
      ]),
    );
    expect(Object.keys(queues)).toHaveLength(6);
    const stored = Object.values(tables).flat().join('\n');
    // Incident details stay, including a third party's name: only the writer's own is removed.
    for (const marker of ['canario-sms', 'canario-wa', 'canario-web', 'canario-ref', 'mazuko', 'La Pampa', 'Pancracio Canarilla'])
      expect(stored).toContain(marker);
    expect(log.split('\n').filter((line) => line.includes('"level"')).length).toBeGreaterThan(5);

    // Assert: and finds no canary
    for (const [table, items] of Object.entries(tables)) expect({ table, hits: hits(items.join('\n')) }).toEqual({ table, hits: [] });
    for (const [queue, bodies] of Object.entries(queues)) expect({ queue, hits: hits(bodies.join('\n')) }).toEqual({ queue, hits: [] });
    expect({ log: hits(log) }).toEqual({ log: [] });

    // Assert: what operators read is redacted but keeps what responders need
    const detail = await getTip(stack, smsTip.tipId);
    expect(detail.text).toContain('[NAME]');
    expect(detail.text).toContain('[PHONE]');
    expect(detail.text).toContain('[ID]');
    expect(detail.text).toContain('[EMAIL]');
    expect(detail.text).toContain('mazuko');
  }, 90_000);

  it('leave no trace either when written the way people really write them, split over messages, or given as evidence', async () => {
    // Arrange + Act: SMS (a number split over two messages, one digit group per line, a sign-off,
    // the writer's address), WhatsApp (keycaps, a relation introduction, a DNI in halves,
    // mathematical digits, misspelt digit words), the web form (form labels, e-mails with ＠,
    // (a), a handle, a Portuguese address, a recruiter's number and page, a direction override).
    const sender = '+51977200301';
    for (const body of [
      'canario3-sms: mi número es 948',
      '217365',
      'tmb mi otro cel\n951\n372\n846\nvivo en Jr. Canarejo 455 cerca al mercado, a mi sobrina la tienen en un bar de mazuko\nSaludos,\nFlorinda Q.',
    ]) {
      expect((await postSignedSms(stack, twilioWebhook({ From: sender, Body: body }))).status).toBe(200);
    }
    const whatsapp = 'whatsapp:+51966200302';
    for (const body of [
      'canario3-wa: soy la tía, Gumercinda Canarpuma. mi wsp 9️⃣4️⃣7️⃣ 3️⃣1️⃣8️⃣ 2️⃣6️⃣5️⃣ y mi dni es 4172 y 8635',
      'mi otro número 𝟗𝟓𝟐𝟔𝟏𝟖𝟒𝟕𝟑 o nuebe sinco siete dos tres uno ocho cuatro seis. le quitaron el dni a mi hija en delta 1',
      'mi numero es 968',
      '413 725',
    ]) {
      expect((await postSignedSms(stack, twilioWebhook({ From: whatsapp, Body: body }))).status).toBe(200);
    }
    const web = await postWebTip(stack, {
      text:
        'canario3-web\nNombres y apellidos: Eduviges Canaramayo\nCorreo: eduviges.canar＠correo.pe, otro eduvcanar (a) gmail.com\n' +
        'búscame en insta como canar_x77. moro na Rua Canarinho 1210, bairro Cadeia Velha.\n' +
        'La reclutadora del bar Las Canarias usa el número 956 417 283 y su página es facebook.com/empleos.canarios.md. ' +
        'Tienen a dos menores en el km \u202e801\u202c de la Interoceánica.\nGracias, Rosaura Canaripa',
    });
    expect(web.status).toBe(202);

    const smsThread = await queuedTip(stack, (t) => t.preview.includes('canario3-sms') && t.messageCount === 3, { what: 'the SMS thread' });
    const waThread = await queuedTip(stack, (t) => t.preview.includes('canario3-wa') && t.messageCount === 4, { what: 'the WhatsApp thread' });
    // The halves of a split number, each too short to be a canary of its own in a full scan.
    for (const thread of [smsThread, waThread]) {
      const texts = (await getTip(stack, thread.tipId)).thread.map((entry) => entry.text).join('\n');
      for (const half of ['948', '217365', '217 365', '968', '413 725']) expect(texts).not.toContain(half);
    }
    const webTip = await queuedTip(stack, 'canario3-web', { what: 'the web tip' });

    // Assert: nothing of them anywhere
    const tables = await dumpTables(dynamo(stack.dynamoDbEndpoint));
    const queues = await peekQueues(sqs(stack.sqsEndpoint));
    const log = readFileSync(stack.logPath, 'utf8');
    expect(Object.keys(tables)).toEqual(expect.arrayContaining(['Evidence', 'IntakeMemory']));
    for (const [table, items] of Object.entries(tables)) expect({ table, hits: classHits(items.join('\n')) }).toEqual({ table, hits: [] });
    for (const [queue, bodies] of Object.entries(queues)) expect({ queue, hits: classHits(bodies.join('\n')) }).toEqual({ queue, hits: [] });
    expect({ log: classHits(log) }).toEqual({ log: [] });

    // Assert: the incident stays; the recruiter's number and page are sealed for the tip
    const detail = await getTip(stack, webTip.tipId);
    for (const kept of ['Las Canarias', 'km 801', 'Interoceánica', 'dos menores']) expect(detail.text).toContain(kept);
    expect(detail.text).toContain('[ADDRESS]');
    const sealed = tables.Evidence!.filter((item) => item.includes(webTip.tipId));
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    for (const item of sealed) expect(item).toMatch(/"sealed":\{"S":"v1\./);
  }, 120_000);
});
