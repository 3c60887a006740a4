// Anonymity, tested: tips carrying canary numbers, e-mails, ID numbers, names, IP addresses
// and User-Agents go through every channel and path; then every table, every queue (the
// dead-letter queues too) and everything the stack printed are searched for them.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { dumpTables, dynamo, peekQueues, sqs } from '../support/local-aws';
import { twilioDeleted } from '../support/local-twilio';
import { getTip, postReply, queuedTip } from '../support/operator';
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
    await queuedTip(stack, 'canario-web', { what: 'the web tip' });
    expect((await postReply(stack, smsTip.tipId, '¿Sigue ahí?')).status).toBe(202);
    expect((await postSignedSms(stack, twilioWebhook({ From: '+51977123456', Body: 'BORRAR' }))).status).toBe(200);
    await waitFor(async () => (await twilioDeleted(stack.twilioApiUrl)).includes(sms.MessageSid!), { timeoutMs: 20_000, what: "Twilio's copy deleted" });

    // Assert: the scan sees real data (a scan of nothing would pass)
    const tables = await dumpTables(dynamo(stack.dynamoDbEndpoint));
    const queues = await peekQueues(sqs(stack.sqsEndpoint));
    const log = readFileSync(stack.logPath, 'utf8');
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['Tips', 'Messages', 'Contacts', 'Receipts', 'ContactVault', 'Audit', 'Roster', 'ResponderContacts', 'Paging', 'PageDeliveries']),
    );
    expect(Object.keys(queues)).toHaveLength(6);
    const stored = Object.values(tables).flat().join('\n');
    // Incident details stay, including a third party's name: only the writer's own is removed.
    for (const marker of ['canario-sms', 'canario-wa', 'canario-web', 'mazuko', 'La Pampa', 'Pancracio Canarilla']) expect(stored).toContain(marker);
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
});
