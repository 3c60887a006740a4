// Acceptance: a signed SMS travels through intake, the queue, triage and storage into the
// operator queue, and the sender's number is found nowhere.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { dumpTables, dynamo, peekQueues, sqs } from '../support/local-aws';
import { getTip, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const TIP = 'mi hija de 15 años esta en un prostibar en La Pampa km 108, le quitaron su DNI';

describe('an SMS tip, end to end', () => {
  it('is acknowledged in TwiML, lands in the queue as critical, and leaves no trace of the number', async () => {
    // Arrange
    // Twilio's sender metadata, made unique so that a chance match elsewhere in the shared
    // stack's tables or log (a timestamp, another test's tip) cannot fail this test.
    const senderCity = `CIUDAD${randomBytes(6).toString('hex').toUpperCase()}`;
    const senderZip = `Z${randomBytes(6).toString('hex')}`;
    const params = twilioWebhook({ From: '+51987654321', Body: TIP, FromCity: senderCity, FromZip: senderZip });

    // Act
    const res = await postSignedSms(stack, params);

    // Assert: the tipster's answer
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const twiml = await res.text();
    expect(twiml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Recibimos tu mensaje/);
    expect(twiml).toContain('105');
    expect(twiml).toContain('1818');

    // Assert: the operator's queue
    const item = await queuedTip(stack, (t) => t.preview === TIP);
    expect(item.level).toBe('critical');
    expect(item.indicators).toEqual(expect.arrayContaining(['minor', 'sexual_exploitation', 'document_retention']));
    const detail = await getTip(stack, item.tipId);
    expect(detail.text).toContain('La Pampa');
    expect(detail.text).toContain('km 108');
    for (const finding of detail.evidence) expect(detail.text.slice(finding.start, finding.start + finding.evidence.length)).toBe(finding.evidence);

    // Assert: the number is nowhere (tables, queues, the stack's own output)
    const tables = await dumpTables(dynamo(stack.dynamoDbEndpoint));
    const queues = await peekQueues(sqs(stack.sqsEndpoint));
    const stored = JSON.stringify(tables);
    expect(Object.values(tables).flat().length).toBeGreaterThan(0);
    expect(stored).toContain(item.tipId);
    for (const haystack of [stored, JSON.stringify(queues), readFileSync(stack.logPath, 'utf8')]) {
      expect(haystack).not.toContain('987654321');
      expect(haystack).not.toContain(params.MessageSid);
      expect(haystack).not.toContain(senderCity);
      expect(haystack).not.toContain(senderZip);
    }
  });
});
