// When has paging done everything it was asked to? Its queue never empties while a page is
// open: each open page keeps a deadline job that comes back every few seconds. So a marker job
// is sent with a delay no shorter than any deadline's; SQS makes it visible only after every job
// delayed before it, and its answer (an SMS) shows that it was taken from the queue. Once the
// queue then holds nothing ready or in flight, every job sent before the marker has been handled.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { PAGING_QUEUE, TIPS_QUEUE } from '../../functions/config/tables';
import { wrongCodeLead } from '../../functions/core/paging/responder-replies';
import type { Lang } from '../../functions/core/tip';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { queueDrained, queueUrl, sqs } from './local-aws';
import { twilioOutbox } from './local-twilio';
import { waitFor } from './wait';

/**
 * The test stack caps a paging job's delay at TIPLINE_PAGING_MAX_DELAY_SECONDS = 1 s
 * (test/integration/global-setup.ts); the marker waits longer than that, with a margin.
 */
const MARKER_DELAY_SECONDS = 2;

/**
 * The marker: an ACK with a code no page has, from Cusco's police officer (only
 * paging-guards.test.ts pages him, and a page code ZZZZ is one in a million). Paging answers it
 * with "no page ZZZZ for you" and the pages he has open, in his language.
 */
const MARKER_RESPONDER = 'pol-wilber';
const MARKER_CODE = 'ZZZZ';

const responder = demoRoster.responders.find((r) => r.responderId === MARKER_RESPONDER);
if (!responder) throw new Error(`the demo roster no longer has ${MARKER_RESPONDER}, whom test/support/paging.ts uses as its marker`);
const markerAnswer = wrongCodeLead(responder.lang as Lang, MARKER_CODE);

async function markerAnswers(twilioApiUrl: string): Promise<number> {
  return (await twilioOutbox(twilioApiUrl)).filter((m) => m.to === responder!.phone && m.body.startsWith(markerAnswer)).length;
}

/**
 * Waits until triage has handled every tip queued so far, and paging every job those tips, the
 * tests or responders put on its queue before this call, deadline jobs included.
 */
export async function pagingSettled(stack: { sqsEndpoint: string; twilioApiUrl: string }, timeoutMs = 30_000): Promise<void> {
  const client = sqs(stack.sqsEndpoint);
  // Triage sends a tip's paging job before it deletes the tip's message.
  await queueDrained(client, [TIPS_QUEUE.name], { timeoutMs });
  const before = await markerAnswers(stack.twilioApiUrl);
  const marker = { type: 'AckReceived', responderId: MARKER_RESPONDER, code: MARKER_CODE, receivedAt: new Date().toISOString() };
  await client.send(
    new SendMessageCommand({ QueueUrl: await queueUrl(client, PAGING_QUEUE.name), MessageBody: JSON.stringify(marker), DelaySeconds: MARKER_DELAY_SECONDS }),
  );
  await waitFor(async () => (await markerAnswers(stack.twilioApiUrl)) > before, {
    timeoutMs,
    what: `paging's answer to the marker ACK it was sent with a ${MARKER_DELAY_SECONDS} s delay`,
  });
  await queueDrained(client, [PAGING_QUEUE.name], { timeoutMs });
}
