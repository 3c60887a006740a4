// How tips and thread entries are laid out as DynamoDB items, and the queue's page cursors.
import * as z from 'zod';
import { levelRank } from '../core/tip';
import type { StoredMessage, TipRecord } from '../core/tip-record';
import { isOpen, queueOrder } from '../core/tip-record';
import { InvalidRequest } from '../core/errors';

export const OPEN = 'open';
export const CLOSED = 'closed';

const TIP_FIELDS = [
  'tipId',
  'status',
  'channel',
  'lang',
  'level',
  'score',
  'rule',
  'indicators',
  'places',
  'region',
  'preview',
  'signals',
  'contactKey',
  'createdAt',
  'lastMessageAt',
  'messageCount',
  'version',
  'scoredLevel',
  'levelOverride',
  'claimedBy',
  'claimedAt',
  'outcome',
  'closedAt',
  'expiresAt',
  'pageUnanswered',
  'nobodyConfirmed',
  'duplicateOf',
  // Paging reads it for the venues a tip names (core/paging/routing.ts); no view shows it.
  'searchText',
  'caseId',
] as const satisfies ReadonlyArray<keyof TipRecord>;

const MESSAGE_FIELDS = [
  'messageId',
  'tipId',
  'channel',
  'lang',
  'text',
  'receivedAt',
  'redactions',
  'kind',
  'author',
  'hidden',
] as const satisfies ReadonlyArray<keyof StoredMessage>;

function pick<T>(item: Record<string, unknown>, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out as T;
}

export const toTip = (item: Record<string, unknown>): TipRecord => pick<TipRecord>(item, TIP_FIELDS);
export const toMessage = (item: Record<string, unknown>): StoredMessage => pick<StoredMessage>(item, MESSAGE_FIELDS);

/** The tip plus the attributes its indexes sort and filter on. */
export function tipItem(tip: TipRecord): Record<string, unknown> {
  return {
    ...tip,
    levelRank: levelRank(tip.level),
    queueOrder: queueOrder(tip),
    // Sparse indexes: open tips are in the queue, closed ones in the closed list.
    ...(isOpen(tip.status) ? { openQueue: OPEN } : { closedQueue: CLOSED }),
  };
}

// A cursor is handed back by clients: only the exact key shape of one of the indexes is accepted.
const openCursor = z.strictObject({ tipId: z.string().max(64), openQueue: z.literal(OPEN), queueOrder: z.string().max(200) });
const closedCursor = z.strictObject({ tipId: z.string().max(64), closedQueue: z.literal(CLOSED), closedAt: z.string().max(64) });

export class InvalidCursor extends InvalidRequest {
  override name = 'InvalidCursor';
  constructor() {
    const message = 'The cursor is not one this API returned; start again from the first page.';
    super(message, { cursor: message });
  }
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, index: 'open' | 'closed'): Record<string, unknown> {
  try {
    const parsed = (index === 'open' ? openCursor : closedCursor).safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: same answer as a wrong shape
  }
  throw new InvalidCursor();
}
