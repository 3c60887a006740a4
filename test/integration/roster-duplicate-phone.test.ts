// A supervisor adding a responder with a number already on the roster gets 409 and what to do,
// never who holds the number; two supervisors racing to give one number to two responders
// leave it with exactly one of them.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { contactKey } from '../../functions/core/contact-key';
import { dynamo } from '../support/local-aws';
import { call } from '../support/operator';

const stack = inject('stack');
const db = dynamo(stack.dynamoDbEndpoint);
const put = (id: string, body: unknown) => call(stack, stack.tokens.supervisor, 'PUT', `/api/roster/responders/${id}`, body);
const responder = (name: string, phone: string) => ({ name, role: 'police', regions: ['Madre de Dios'], lang: 'es', active: true, phone });

async function holderOf(phone: string): Promise<string | undefined> {
  const key = { contactKey: { S: contactKey(phone, stack.contactKeySecret) } };
  return (await db.send(new GetItemCommand({ TableName: 'ResponderContacts', Key: key, ConsistentRead: true }))).Item?.responderId?.S;
}

async function onRoster(id: string): Promise<boolean> {
  const out = await db.send(new GetItemCommand({ TableName: 'Roster', Key: { kind: { S: 'responder' }, id: { S: id } }, ConsistentRead: true }));
  return out.Item !== undefined;
}

describe('a phone number already on the roster', () => {
  it('answers 409 that says what to do and names neither the holder nor the number', async () => {
    const phone = '+51911000091';
    expect((await put('dup-holder', responder('Holder Prueba (test)', phone))).status).toBe(200);

    const res = await put('dup-newcomer', responder('Newcomer Prueba (test)', '+51 911 000 091'));

    expect(res.status).toBe(409);
    const text = await res.text();
    const body = JSON.parse(text) as { error: string; message: string };
    expect(body.error).toBe('phone_in_use');
    expect(body.message).toMatch(/^This phone number is already on the roster for another responder/);
    expect(body.message).toMatch(/edit that one instead.*change it on the old holder's entry first/);
    for (const secret of ['dup-holder', 'Holder', '911000091', '000091']) expect(text).not.toContain(secret);
    expect(await holderOf(phone)).toBe('dup-holder');
    expect(await onRoster('dup-newcomer')).toBe(false);
  });

  it('lets the holder keep saving their own entry with it', async () => {
    const phone = '+51911000092';
    expect((await put('dup-keeper', responder('Keeper Prueba (test)', phone))).status).toBe(200);

    expect((await put('dup-keeper', responder('Keeper Prueba, renamed (test)', phone))).status).toBe(200);
    expect(await holderOf(phone)).toBe('dup-keeper');
  });

  it('gives a number raced for by two supervisors to exactly one responder', async () => {
    const phone = '+51911000093';

    const answers = await Promise.all(['dup-race-a', 'dup-race-b', 'dup-race-c'].map((id) => put(id, responder(`Race ${id} (test)`, phone))));

    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const winner = ['dup-race-a', 'dup-race-b', 'dup-race-c'][answers.findIndex((res) => res.status === 200)];
    expect(await holderOf(phone)).toBe(winner);
    for (const [i, res] of answers.entries()) {
      if (res.status === 409) expect(await onRoster(`dup-race-${'abc'[i]}`)).toBe(false);
    }
  });
});
