// Two operators and a supervisor, and a stored tip with only what operators' actions read, for
// the tests of those actions (claim, assign, reply, handover).
import type { Actor } from '../../functions/core/operator-actions';
import { tipIdSchema } from '../../functions/core/tip-id';
import type { TipRecord } from '../../functions/core/tip-record';

export const OLGA: Actor = { id: 'olga', name: 'Olga', roles: ['operator'] };
export const OMAR: Actor = { id: 'omar', name: 'Omar', roles: ['operator'] };
export const SARA: Actor = { id: 'sara', name: 'Sara', roles: ['supervisor'] };
export const NOW = new Date('2026-11-27T03:00:00Z');

/** A new, unclaimed, medium SMS tip ABCDEFGH at version 3, with no words, places or region. */
export function bareTip(overrides: Partial<TipRecord> = {}): TipRecord {
  return {
    tipId: tipIdSchema.parse('ABCDEFGH'),
    status: 'new',
    channel: 'sms',
    lang: 'es',
    level: 'medium',
    score: 30,
    rule: '',
    indicators: [],
    places: [],
    region: null,
    preview: '',
    createdAt: '',
    lastMessageAt: '',
    messageCount: 1,
    version: 3,
    ...overrides,
  };
}
