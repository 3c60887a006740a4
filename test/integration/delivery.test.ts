// Acceptance: Twilio retries are stored once; fragments from one sender thread into one tip;
// a web tip gets a receipt that is stored only as a hash; a poison message ends in the DLQ.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { dumpTables, dynamo, eventually, peekQueues, queueUrl, sqs } from '../support/local-aws';
import { getQueue, getTip, postWebTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');

describe('delivery guarantees', () => {
  it('the same MessageSid sent three times is stored once', async () => {
    // Arrange
    const params = twilioWebhook({ From: '+51922000001', Body: 'reintento-unico: el capataz amenaza a los trabajadores de la draga' });

    // Act: Twilio retries a webhook with the same MessageSid
    for (let i = 0; i < 3; i++) expect((await postSignedSms(stack, params)).status).toBe(200);

    // Assert
    const item = await eventually(async () => (await getQueue(stack)).find((t) => t.preview.includes('reintento-unico')), 15_000, 'the tip');
    await new Promise((r) => setTimeout(r, 2500)); // let any duplicate be processed
    const matching = (await getQueue(stack)).filter((t) => t.preview.includes('reintento-unico'));
    expect(matching).toHaveLength(1);
    expect(item.messageCount).toBe(1);
    const messages = (await dumpTables(dynamo(stack.dynamoDbEndpoint))).Messages ?? [];
    expect(messages.filter((m) => m.includes('reintento-unico'))).toHaveLength(1);
  });

  it('messages from one sender within the window thread into one tip, scored as a whole', async () => {
    // Arrange: an SMS in fragments; neither alone is critical
    const from = '+51922000002';

    // Act
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'hilo-fragmentos: mi sobrina tiene 14' }));
    await new Promise((r) => setTimeout(r, 300));
    await postSignedSms(stack, twilioWebhook({ From: `whatsapp:${from}`, Body: 'la obligan a atender clientes en un prostibar de mazuko' }));

    // Assert
    const item = await eventually(
      async () => (await getQueue(stack)).find((t) => t.preview.includes('hilo-fragmentos') && t.messageCount === 2),
      15_000,
      'a thread of two messages',
    );
    expect(item.level).toBe('critical');
    const detail = await getTip(stack, item.tipId);
    expect(detail.thread.map((m) => m.text)).toEqual(['hilo-fragmentos: mi sobrina tiene 14', 'la obligan a atender clientes en un prostibar de mazuko']);
    expect(detail.thread.map((m) => m.channel)).toEqual(['sms', 'whatsapp']);
    expect((await getQueue(stack)).filter((t) => t.preview.includes('hilo-fragmentos'))).toHaveLength(1);
  });

  it('different senders never share a tip', async () => {
    await postSignedSms(stack, twilioWebhook({ From: '+51922000003', Body: 'remitente-a: hola' }));
    await postSignedSms(stack, twilioWebhook({ From: '+51922000004', Body: 'remitente-b: hola' }));
    await eventually(async () => {
      const queue = await getQueue(stack);
      const a = queue.find((t) => t.preview.includes('remitente-a'));
      const b = queue.find((t) => t.preview.includes('remitente-b'));
      return a && b ? (expect(a.tipId).not.toBe(b.tipId), true) : undefined;
    }, 15_000, 'two tips');
  });

  it('a web tip returns a 16-digit receipt, stored only as a slow hash', async () => {
    // Act
    const res = await postWebTip(stack, { text: 'recibo-web: a 15-year-old girl is locked in a bar in Mazuko tonight', lang: 'en', signals: { minor: 'yes', happeningNow: true } });

    // Assert
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { receipt: string; message: string };
    expect(answer.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(answer.message).toMatch(/We received your message/);
    const item = await eventually(async () => (await getQueue(stack)).find((t) => t.preview.includes('recibo-web')), 15_000, 'the web tip');
    expect(item.level).toBe('critical');
    expect(item.channel).toBe('web');
    const tables = await dumpTables(dynamo(stack.dynamoDbEndpoint));
    const digits = answer.receipt.replace(/\s/g, '');
    expect(JSON.stringify(tables)).not.toContain(digits);
    expect(JSON.stringify(tables)).not.toContain(answer.receipt);
    expect((tables.Receipts ?? []).some((r) => r.includes(item.tipId))).toBe(true);
  });

  it('a poison message is retried, then lands in the dead-letter queue; nothing is dropped', async () => {
    // Arrange
    const client = sqs(stack.sqsEndpoint);
    const tips = await queueUrl(client, 'tips');
    const dlq = await queueUrl(client, 'tips-dlq');

    // Act
    await client.send(new SendMessageCommand({ QueueUrl: tips, MessageBody: '{"type":"TipReceived","veneno":true}' }));

    // Assert: five receives, two seconds apart (the test stack's visibility), then the DLQ
    await eventually(
      async () => ((await peekQueues(client))[dlq] ?? []).find((body) => body.includes('veneno')),
      40_000,
      'the poison message in the DLQ',
    );
  }, 60_000);
});
