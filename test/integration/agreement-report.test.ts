// GET /api/reports/agreement on the local stack: supervisors only, counts of the tips closed in
// the last 30 days that operators raised or lowered, per scorer level and language; every read
// of it is on the audit trail.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { AUDIT_TABLE } from '../../functions/config/tables';
import type { AgreementReport } from '../../functions/core/agreement';
import { dynamo } from '../support/local-aws';
import { call, getQueue } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { operator, supervisor, responder } = stack.tokens as Record<'operator' | 'supervisor' | 'responder', string>;

async function report(): Promise<AgreementReport> {
  const res = await call(stack, supervisor, 'GET', '/api/reports/agreement');
  expect(res.status).toBe(200);
  return (await res.json()) as AgreementReport;
}

async function ok(path: string, body: unknown): Promise<void> {
  const res = await call(stack, operator, 'POST', path, body);
  expect(res.status, path).toBe(200);
}

const row = <K extends 'level' | 'lang'>(r: AgreementReport, key: K, value: string) =>
  (key === 'level' ? r.byLevel.find((x) => x.level === value) : r.byLang.find((x) => x.lang === value))!;

describe('GET /api/reports/agreement', () => {
  it("counts a raised and a lowered tip once they are closed, by the scorer's level and the language", async () => {
    // Arrange
    const before = await report();
    await postSignedSms(stack, twilioWebhook({ From: '+51944300001', Body: 'acuerdosube hola, cual es el horario de atencion?' }));
    await postSignedSms(
      stack,
      twilioWebhook({ From: '+51944300002', Body: 'acuerdobaja a mi esposo le quitaron su dni en el campamento y no lo dejan salir' }),
    );
    await postSignedSms(stack, twilioWebhook({ From: '+51944300003', Body: 'acuerdoabierta hola, gracias por la charla' }));
    const [up, down, open] = await waitFor(
      async () => {
        const queue = await getQueue(stack);
        const found = ['acuerdosube', 'acuerdobaja', 'acuerdoabierta'].map((m) => queue.find((t) => t.preview.startsWith(m)));
        return found.every(Boolean) ? found.map((t) => t!) : undefined;
      },
      { what: 'three tips' },
    );
    expect([up!.level, down!.level, open!.level]).toEqual(['low', 'high', 'low']);
    await ok(`/api/tips/${up!.tipId}/level`, { level: 'high', reason: 'hay una menor' });
    await ok(`/api/tips/${down!.tipId}/level`, { level: 'medium', reason: 'ya salió' });
    await ok(`/api/tips/${open!.tipId}/level`, { level: 'medium', reason: 'sigue abierta' });
    const openOnly = await report();
    for (const tip of [up!, down!]) await ok(`/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'other' });

    // Act
    const after = await report();

    // Assert: an open tip is not reviewed yet; the two closed ones count where the scorer put them
    expect(openOnly.total).toEqual(before.total);
    expect(after.total).toEqual({ reviewed: before.total.reviewed + 2, raised: before.total.raised + 1, lowered: before.total.lowered + 1 });
    const [low, high] = [row(before, 'level', 'low'), row(before, 'level', 'high')];
    expect(row(after, 'level', 'low')).toEqual({ ...low, reviewed: low.reviewed + 1, raised: low.raised + 1 });
    expect(row(after, 'level', 'high')).toEqual({ ...high, reviewed: high.reviewed + 1, lowered: high.lowered + 1 });
    expect(row(after, 'lang', 'es').reviewed).toBe(row(before, 'lang', 'es').reviewed + 2);
    expect(after.byLang.map((r) => r.lang)).toEqual(['es', 'en', 'qu', 'pt']);
    expect(Date.parse(after.to) - Date.parse(after.from)).toBe(30 * 86_400_000);
    expect(JSON.stringify(after)).not.toMatch(/acuerdo|horario|esposo|menor|salió/);
  });

  it('is for supervisors only, takes no parameters, and every read of it is audited', async () => {
    // Arrange
    const client = dynamo(stack.dynamoDbEndpoint);
    const auditCount = async () =>
      (
        await client.send(
          new QueryCommand({ TableName: AUDIT_TABLE.name, KeyConditionExpression: 'tipId = :k', ExpressionAttributeValues: { ':k': { S: 'reports' } } }),
        )
      ).Items ?? [];
    const audited = (await auditCount()).length;

    // Act
    const asOperator = await call(stack, operator, 'GET', '/api/reports/agreement');
    const asResponder = await call(stack, responder, 'GET', '/api/reports/agreement');
    const withDays = await call(stack, supervisor, 'GET', '/api/reports/agreement?days=365');
    const read = await call(stack, supervisor, 'GET', '/api/reports/agreement');

    // Assert
    expect([asOperator.status, asResponder.status, withDays.status, read.status]).toEqual([403, 403, 400, 200]);
    const events = await auditCount();
    expect(events).toHaveLength(audited + 1);
    const last = events.at(-1)!;
    expect(last.action?.S).toBe('report_read');
    expect(last.actor?.M?.name?.S).toBe('Sara Supervisora (demo)');
    expect(last.details?.M?.report?.S).toBe('agreement');
    client.destroy();
  });
});
