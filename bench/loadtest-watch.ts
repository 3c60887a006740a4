// What the load test watches while it sends: the Messages table (when did each tip appear?) and
// the local Twilio API's outbox (when did each critical tip's page leave?). Both by polling,
// so every "first seen" is an upper bound, late by at most one poll interval.
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { MESSAGES_TABLE } from '../functions/config/tables';

export interface StoredSighting {
  firstSeenAt: number;
  /** The intake's own timestamp of the message (ms). */
  receivedAt: number;
  tipId?: string;
  /** More than one means the same tip was stored twice. */
  messageIds: Set<string>;
}

export interface PageSighting {
  sid: string;
  to: string;
  /** The local Twilio API's timestamp of the send request (ms). */
  at: number;
  firstSeenAt: number;
}

export interface PollStats {
  /** Time between the ends of successive polls: the resolution of "first seen". */
  intervalsMs: number[];
}

const POLL_MS = 250;
const wallNow = (): number => performance.timeOrigin + performance.now();
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Scans the Messages table every POLL_MS for items received since `since()` (the oldest tip
 * still unaccounted for), so that a scan returns only recent items however long the run.
 * DynamoDB has no "items added since", and the message ids of web tips are chosen by the
 * server, so the marker in the (redacted) text is what ties an item to a request.
 */
export async function watchStored(
  endpoint: string,
  since: () => number,
  marker: RegExp,
  isOurs: (marker: string) => boolean,
  stored: Map<string, StoredSighting>,
  signal: AbortSignal,
): Promise<PollStats> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const intervalsMs: number[] = [];
  let lastEnd: number | undefined;
  try {
    // One more scan after the abort: a tip stored during the final pause is still counted.
    for (let last = false; !last; ) {
      last = signal.aborted;
      const from = new Date(since() - 2_000).toISOString();
      const items: Array<Record<string, AttributeValue>> = [];
      let start: Record<string, AttributeValue> | undefined;
      try {
        do {
          const page = await client.send(
            new ScanCommand({
              TableName: MESSAGES_TABLE.name,
              ProjectionExpression: 'messageId, tipId, receivedAt, #text',
              FilterExpression: 'receivedAt >= :from',
              ExpressionAttributeNames: { '#text': 'text' },
              ExpressionAttributeValues: { ':from': { S: from } },
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          items.push(...(page.Items ?? []));
          start = page.LastEvaluatedKey;
        } while (start);
      } catch {
        // DynamoDB Local busy or going away: try again at the next poll
        await pause(POLL_MS, signal);
        continue;
      }
      const seenAt = wallNow();
      if (lastEnd !== undefined) intervalsMs.push(seenAt - lastEnd);
      lastEnd = seenAt;
      for (const item of items) {
        const found = marker.exec(item.text?.S ?? '')?.[1];
        const messageId = item.messageId?.S;
        if (!found || !messageId || !isOurs(found)) continue;
        const sighting = stored.get(found);
        if (sighting) sighting.messageIds.add(messageId);
        else
          stored.set(found, {
            firstSeenAt: seenAt,
            receivedAt: Date.parse(item.receivedAt?.S ?? ''),
            ...(item.tipId?.S ? { tipId: item.tipId.S } : {}),
            messageIds: new Set([messageId]),
          });
      }
      if (!last) await pause(POLL_MS, signal);
    }
  } finally {
    client.destroy();
  }
  return { intervalsMs };
}

/** A page's first words: `tipline CRITICO T-7K2F …` (confirmations and notices differ). */
const PAGE = /^tipline \S+ T-([0-9A-Z]{4}) /;

/** Polls GET /local/outbox and files every page sent since `sinceMs` under its tip's 4-character code. */
export async function watchPages(httpUrl: string, sinceMs: number, pages: Map<string, PageSighting[]>, signal: AbortSignal): Promise<PollStats> {
  const seen = new Set<string>();
  const intervalsMs: number[] = [];
  let lastEnd: number | undefined;
  for (let last = false; !last; ) {
    last = signal.aborted;
    let outbox: unknown;
    try {
      const res = await fetch(`${httpUrl}/local/outbox`);
      outbox = res.ok ? await res.json() : [];
    } catch {
      outbox = [];
    }
    const seenAt = wallNow();
    if (lastEnd !== undefined) intervalsMs.push(seenAt - lastEnd);
    lastEnd = seenAt;
    for (const entry of Array.isArray(outbox) ? (outbox as Array<Record<string, unknown>>) : []) {
      const { sid, to, body, at } = entry;
      if (typeof sid !== 'string' || typeof body !== 'string' || typeof at !== 'string' || seen.has(sid)) continue;
      seen.add(sid);
      const code = PAGE.exec(body)?.[1];
      const atMs = Date.parse(at);
      if (!code || !(atMs >= sinceMs)) continue;
      const list = pages.get(code) ?? [];
      list.push({ sid, to: typeof to === 'string' ? to : '', at: atMs, firstSeenAt: seenAt });
      pages.set(code, list);
    }
    if (!last) await pause(POLL_MS, signal);
  }
  return { intervalsMs };
}
