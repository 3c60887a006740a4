// Acceptance: Twilio retries are stored once; fragments from one sender thread into one tip;
// a web tip gets a receipt that is stored only as a hash; a poison message ends in the DLQ.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { TIPS_QUEUE } from '../../functions/config/tables';
import { dumpTables, dynamo, peekQueues, queueDrained, queueUrl, sqs } from '../support/local-aws';
import { getQueue, getTip, postWebTip, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');

const tipWith = (marker: string, what?: string) => queuedTip(stack, marker, what ? { what } : {});

describe('delivery guarantees', () => {
  it('the same MessageSid sent three times is stored once', async () => {
    // Arrange
    const params = twilioWebhook({
      From: '+51922000001',
      Body: 'reintento-unico: el capataz amenaza a los trabajadores de la draga',
    });

    // Act: Twilio retries a webhook with the same MessageSid
    for (let i = 0; i < 3; i++) expect((await postSignedSms(stack, params)).status).toBe(200);

    // Assert
    const item = await tipWith('reintento-unico');
    // Every delivery of the three has been through triage (or the dead-letter queue)
    await queueDrained(sqs(stack.sqsEndpoint), [TIPS_QUEUE.name]);
    const matching = (await getQueue(stack)).filter((t) => t.preview.includes('reintento-unico'));
    expect(matching).toHaveLength(1);
    expect(item.messageCount).toBe(1);
    expect(matching[0]!.messageCount).toBe(1);
    const messages = (await dumpTables(dynamo(stack.dynamoDbEndpoint))).Messages ?? [];
    expect(messages.filter((m) => m.includes('reintento-unico'))).toHaveLength(1);
  });

  it('messages from one sender within the window thread into one tip, scored as a whole', async () => {
    // Arrange: an SMS in fragments; neither alone is critical
    const from = '+51922000002';

    // Act
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'hilo-fragmentos: mi sobrina tiene 14' }));
    // The second fragment arrives once the first is a tip, so the thread's order is known
    const first = await tipWith('hilo-fragmentos', 'the first fragment as a tip');
    await postSignedSms(stack, twilioWebhook({ From: `whatsapp:${from}`, Body: 'la obligan a atender clientes en un prostibar de mazuko' }));

    // Assert
    const item = await queuedTip(stack, (t) => t.preview.includes('hilo-fragmentos') && t.messageCount === 2, { what: 'a thread of two messages' });
    expect(item.tipId).toBe(first.tipId);
    expect(item.level).toBe('critical');
    const detail = await getTip(stack, item.tipId);
    expect(detail.thread.map((m) => m.text)).toEqual(['hilo-fragmentos: mi sobrina tiene 14', 'la obligan a atender clientes en un prostibar de mazuko']);
    expect(detail.thread.map((m) => m.channel)).toEqual(['sms', 'whatsapp']);
    expect((await getQueue(stack)).filter((t) => t.preview.includes('hilo-fragmentos'))).toHaveLength(1);
  });

  it('different senders never share a tip', async () => {
    await postSignedSms(stack, twilioWebhook({ From: '+51922000003', Body: 'remitente-a: hola' }));
    await postSignedSms(stack, twilioWebhook({ From: '+51922000004', Body: 'remitente-b: hola' }));
    const a = await tipWith('remitente-a');
    const b = await tipWith('remitente-b');
    expect(a.tipId).not.toBe(b.tipId);
    expect([a.messageCount, b.messageCount]).toEqual([1, 1]);
  });

  it('a web tip returns a 16-digit receipt, stored only as a slow hash', async () => {
    // Act
    const res = await postWebTip(stack, {
      text: 'recibo-web: a 15-year-old girl is locked in a bar in Mazuko tonight',
      lang: 'en',
      signals: { minor: 'yes', happeningNow: true },
    });

    // Assert
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { receipt: string; message: string };
    expect(answer.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(answer.message).toMatch(/We received your message/);
    const item = await tipWith('recibo-web', 'the web tip');
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

    const poison = '{"type":"TipReceived","veneno":true}';

    // Act
    await client.send(new SendMessageCommand({ QueueUrl: tips, MessageBody: poison }));

    // Assert: five receives, two seconds apart (the test stack's visibility), then the DLQ
    const dead = await waitFor(
      async () => {
        const found = ((await peekQueues(client))[dlq] ?? []).filter((body) => body.includes('veneno'));
        return found.length ? found : undefined;
      },
      { timeoutMs: 40_000, what: 'the poison message in the DLQ' },
    );
    expect(dead).toEqual([poison]);
    expect(((await peekQueues(client))[tips] ?? []).filter((body) => body.includes('veneno'))).toEqual([]);
  }, 60_000);
});
