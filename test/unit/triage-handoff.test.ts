// What triage hands paging, through its handler with in-memory ports: a tip critical by its
// words is a page request now, with its text's sketch (never its text); a tip critical only on
// the web form's answers is scored high and checked when its unclaimed time is up; a redelivery
// hands the same job again, with the sketch read back from the stored thread.
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../local/lambda-context';
import { SKETCH_PATTERN, textSketch } from '../../functions/core/paging/fingerprint';
import type { PagingJob } from '../../functions/core/paging/jobs';
import type { TipReceived } from '../../functions/core/tip';
import { tipIdSchema } from '../../functions/core/tip-id';
import { makeHandler } from '../../functions/triage/app';
import { recordingLogger } from '../support/fakes';
import { memoryTipStore } from '../support/memory-tip-store';

const AT = '2026-12-01T06:00:00.000Z';
const CRITICAL = 'mi hija de 15 años está en un prostibar en La Pampa, le quitaron su DNI';

function received(messageId: string, text: string, signals?: TipReceived['signals']): TipReceived {
  return { type: 'TipReceived', version: 1, messageId, channel: 'web', lang: 'es', text, receivedAt: AT, redactions: {}, ...(signals ? { signals } : {}) };
}

const eventOf = (...tips: TipReceived[]): SQSEvent => ({
  Records: tips.map((tip, i) => ({
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: JSON.stringify(tip),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:tips',
    awsRegion: 'us-east-1',
  })),
});

function triage() {
  const store = memoryTipStore();
  const jobs: Array<{ job: PagingJob; at: Date }> = [];
  const ids = ['AAAA0001', 'BBBB0002', 'CCCC0003'].map((id) => tipIdSchema.parse(id));
  const handler = makeHandler({
    store,
    pagingLater: async (job, at) => void jobs.push({ job, at }),
    threadWindowMs: 30 * 60_000,
    highAfterMinutes: 15,
    newTipId: () => ids.shift()!,
    logger: recordingLogger(),
  });
  return { store, jobs, run: (...tips: TipReceived[]) => handler(eventOf(...tips), lambdaContext('triage', 30_000)) };
}

describe('triage hands paging', () => {
  it('a page request now for a tip critical by its words, with the sketch of its text', async () => {
    const t = triage();
    await t.run(received('web-critical-1', CRITICAL, { minor: 'yes', happeningNow: true }));
    expect(t.jobs).toEqual([{ job: { type: 'PageRequested', tipId: 'AAAA0001', sketch: textSketch(CRITICAL) }, at: new Date(AT) }]);
    expect(JSON.stringify(t.jobs)).not.toContain('prostibar');
  });

  it("a high check in 15 minutes for 'hola' with both answers: the form alone never pages at once", async () => {
    const t = triage();
    await t.run(received('web-form-only-1', 'hola', { minor: 'yes', happeningNow: true }));
    expect(t.store.tips.get('AAAA0001')).toMatchObject({ level: 'high', scoredLevel: 'high' });
    expect(t.jobs).toHaveLength(1);
    expect(t.jobs[0]!.job).toMatchObject({ type: 'HighTipCheck', tipId: 'AAAA0001' });
    expect(t.jobs[0]!.at).toEqual(new Date('2026-12-01T06:15:00.000Z'));
  });

  it('the same job again on a redelivery, its sketch read back from the stored thread', async () => {
    const t = triage();
    const tip = received('web-critical-2', CRITICAL);
    await t.run(tip);
    await t.run(tip);
    expect(t.jobs).toHaveLength(2);
    expect(t.jobs[1]).toEqual(t.jobs[0]);
    expect((t.jobs[1]!.job as { sketch: string }).sketch).toMatch(SKETCH_PATTERN);
  });
});
