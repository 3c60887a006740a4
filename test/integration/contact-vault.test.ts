// The contact vault: operators reply without seeing a number; BORRAR erases the number at
// once; Twilio's copy of each inbound message is deleted after the tip is queued.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { TIPS_QUEUE } from '../../functions/config/tables';
import { contactKey } from '../../functions/core/contact-key';
import { dynamo, queueDrained, sqs } from '../support/local-aws';
import { twilioDeleted, twilioOutbox } from '../support/local-twilio';
import { getQueue, getTip, postReply, postWebTip, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');

async function vaultItem(from: string) {
  const key = contactKey(from, stack.contactKeySecret);
  const out = await dynamo(stack.dynamoDbEndpoint).send(
    new GetItemCommand({ TableName: 'ContactVault', Key: { contactKey: { S: key } }, ConsistentRead: true }),
  );
  return out.Item;
}

const tipWith = (marker: string) => queuedTip(stack, marker);

describe('replying through the contact vault', () => {
  it('delivers an operator reply to the tipster without the operator ever seeing the number', async () => {
    // Arrange
    const from = '+51944000001';
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-respuesta: mi prima esta en un bar en mazuko, no la dejan salir' }));
    const tip = await tipWith('boveda-respuesta');

    // Act
    const res = await postReply(stack, tip.tipId, '¿Sabes el nombre del bar?');

    // Assert
    expect(res.status).toBe(202);
    const answer = await res.text();
    expect(answer).not.toContain('944000001');
    expect(JSON.parse(answer)).toEqual({ status: 'sent', channel: 'sms' });
    const sent = (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === from);
    expect(sent.map((m) => m.body)).toEqual(['¿Sabes el nombre del bar?']);
    expect(sent[0]?.from).toBe('+51900000000');
  });

  it('answers a WhatsApp tipster on WhatsApp', async () => {
    const from = 'whatsapp:+51944000002';
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-whatsapp: le quitaron el dni a mi hermana en huepetuhe' }));
    const tip = await tipWith('boveda-whatsapp');

    expect((await postReply(stack, tip.tipId, '¿Dónde está ahora?')).status).toBe(202);

    const sent = (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === from);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.from).toBe('whatsapp:+51900000000');
  });

  it('keeps the number sealed: the vault item holds no digits of it', async () => {
    const from = '+51944000003';
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-sellada: hola' }));
    const item = await waitFor(() => vaultItem(from), { timeoutMs: 10_000, what: 'the vault entry' });
    const text = JSON.stringify(item);
    expect(text).not.toContain('944000003');
    expect(item?.sealed?.S).toMatch(/^v1\./);
    const ttlDays = (Number(item?.expiresAt?.N) - Date.now() / 1000) / 86_400;
    expect(ttlDays).toBeGreaterThan(29.9);
    expect(ttlDays).toBeLessThanOrEqual(30);
  });

  it('BORRAR erases the number at once, confirms, and later replies fail clearly', async () => {
    // Arrange
    const from = '+51944000004';
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-borrar: me tienen encerrada en el campamento' }));
    const tip = await tipWith('boveda-borrar');
    expect(await vaultItem(from)).toBeDefined();

    // Act
    const erased = await postSignedSms(stack, twilioWebhook({ From: from, Body: ' Borrar. ' }));

    // Assert: confirmed in the tipster's language, gone from the table, not a tip
    expect(erased.status).toBe(200);
    expect(await erased.text()).toContain('borramos tu número');
    expect(await vaultItem(from)).toBeUndefined();
    const reply = await postReply(stack, tip.tipId, '¿Sigues ahí?');
    expect(reply.status).toBe(410);
    expect(((await reply.json()) as { message: string }).message).toMatch(/^This tipster cannot be contacted: they erased their number/);
    expect((await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === from)).toEqual([]);
    // Had BORRAR been queued as a message, triage would have handled it by now: as a new tip,
    // or (same sender, within the window) as the second message of this one
    await queueDrained(sqs(stack.sqsEndpoint), [TIPS_QUEUE.name]);
    expect((await getQueue(stack)).some((t) => t.preview.trim().toLowerCase().startsWith('borrar'))).toBe(false);
    expect((await getTip(stack, tip.tipId)).thread.filter((entry) => entry.kind === 'in').map((entry) => entry.text)).toEqual([
      'boveda-borrar: me tienen encerrada en el campamento',
    ]);
  });

  it('a replayed (or retried) signed message after BORRAR never seals the number again, and replies get 410', async () => {
    // Arrange: a tip, then an erasure
    const from = '+51944000008';
    const original = twilioWebhook({ From: from, Body: 'boveda-repeticion: a mi hermana la tienen en un bar de delta 1' });
    await postSignedSms(stack, original);
    const tip = await tipWith('boveda-repeticion');
    await waitFor(() => vaultItem(from), { timeoutMs: 10_000, what: 'the vault entry' });
    expect((await postSignedSms(stack, twilioWebhook({ From: from, Body: 'borrar mi número' }))).status).toBe(200);
    expect(await vaultItem(from)).toBeUndefined();

    // Act: the very same signed request again, twice (a replay, and Twilio's retry of it)
    const replays = [await postSignedSms(stack, original), await postSignedSms(stack, original)];

    // Assert: answered as usual, but the vault stays empty and the tip is not duplicated
    for (const replay of replays) expect(replay.status).toBe(200);
    await queueDrained(sqs(stack.sqsEndpoint), [TIPS_QUEUE.name]);
    expect(await vaultItem(from)).toBeUndefined();
    const reply = await postReply(stack, tip.tipId, '¿Sigues ahí?');
    expect(reply.status).toBe(410);
    expect((await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === from)).toEqual([]);
    expect((await getTip(stack, tip.tipId)).thread.filter((entry) => entry.kind === 'in')).toHaveLength(1);
  });

  it('a genuinely new message after an erasure is a new contact, told how to erase again', async () => {
    // Arrange
    const from = '+51944000009';
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-nuevo-1: hay menores en un bar de mazuko' }));
    const first = await tipWith('boveda-nuevo-1');
    await postSignedSms(stack, twilioWebhook({ From: from, Body: 'BORRAR' }));

    // Act
    const again = await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-nuevo-2: las llevaron a otro bar' }));

    // Assert: a new tip (not joined to the old thread), an address to answer it, and the hint
    expect(await again.text()).toContain('Para borrar tu número, envía BORRAR.');
    const second = await tipWith('boveda-nuevo-2');
    expect(second.tipId).not.toBe(first.tipId);
    expect(await waitFor(() => vaultItem(from), { timeoutMs: 10_000, what: 'the new vault entry' })).toBeDefined();
    // The old tip belonged to the contact that was erased: it stays unreachable.
    expect((await postReply(stack, first.tipId, '¿Sigues ahí?')).status).toBe(410);
    expect((await postReply(stack, second.tipId, '¿Sigues ahí?')).status).toBe(202);
  });

  it('STOP and DELETE erase too, and answer in English', async () => {
    for (const [from, word] of [
      ['+51944000005', 'STOP'],
      ['+51944000006', 'delete'],
    ] as const) {
      await postSignedSms(stack, twilioWebhook({ From: from, Body: 'boveda-stop: hola' }));
      await waitFor(() => vaultItem(from), { timeoutMs: 10_000, what: `the vault entry of ${from}` });
      const res = await postSignedSms(stack, twilioWebhook({ From: from, Body: word }));
      expect(await res.text()).toContain('we deleted your number');
      expect(await vaultItem(from)).toBeUndefined();
    }
  });

  it('a web tip is answered in its thread (the receipt inbox), never by SMS', async () => {
    await postWebTip(stack, { text: 'boveda-web: hay chicas menores en un bar de la pampa' });
    const tip = await tipWith('boveda-web');
    const question = '¿Sabes el nombre del bar? (respuesta-web)';

    const res = await postReply(stack, tip.tipId, question);

    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'sent', channel: 'web' });
    // Pages for this (critical) tip may go out meanwhile; the reply itself must not.
    expect((await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes('respuesta-web'))).toEqual([]);
    const detail = await getTip(stack, tip.tipId);
    expect(detail.thread.filter((entry) => entry.kind === 'out').map((entry) => entry.text)).toEqual([question]);
  });

  it('bad replies get a clear 4xx', async () => {
    const auth = { authorization: `Bearer ${stack.operatorToken}`, 'content-type': 'application/json' };
    const reply = (headers: Record<string, string>, body: string) => fetch(`${stack.httpUrl}/api/tips/ZZZZZZZZ/replies`, { method: 'POST', headers, body });
    expect((await reply(auth, '{"text":"hola"}')).status).toBe(404);
    expect((await reply(auth, '{"text":""}')).status).toBe(400);
    expect((await reply(auth, JSON.stringify({ text: 'x'.repeat(400) }))).status).toBe(400);
    expect((await reply({ 'content-type': 'application/json' }, '{"text":"hola"}')).status).toBe(401);
  });
});

describe("Twilio's copy", () => {
  it('is deleted through the Messages API once the tip is queued', async () => {
    const params = twilioWebhook({ From: '+51944000007', Body: 'copia-twilio: hola' });
    await postSignedSms(stack, params);
    const deleted = await waitFor(
      async () => {
        const sids = await twilioDeleted(stack.twilioApiUrl);
        return sids.includes(params.MessageSid!) ? sids : undefined;
      },
      { timeoutMs: 20_000, what: 'the deletion at Twilio' },
    );
    expect(deleted).toContain(params.MessageSid);
    expect((await tipWith('copia-twilio')).channel).toBe('sms');
  });
});
