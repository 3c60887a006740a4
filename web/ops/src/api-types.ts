// The operator API's shapes, as docs/operator-api.md states them. Kept here rather than
// imported from functions/ so the browser bundle never reaches into server code.
export const LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

export const STATUSES = ['new', 'in_review', 'escalated', 'referred', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const OUTCOMES = [
  'referred_to_police',
  'referred_to_prosecutor',
  'referred_to_shelter',
  'victim_safe',
  'no_trafficking',
  'duplicate',
  'unreachable',
  'false_report',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Channel = 'sms' | 'whatsapp' | 'web';

export interface Person {
  id: string;
  name: string;
}

export interface QueueItem {
  tipId: string;
  level: Level;
  score: number;
  status: Status;
  outcome: Outcome | null;
  channel: Channel;
  region: string | null;
  indicators: string[];
  preview: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  claimedBy: Person | null;
  levelOverride: { level: Level; scoredLevel: Level; reason: string; by: Person; at: string } | null;
}

export interface Evidence {
  id: string;
  evidence: string;
  start: number;
  tense?: 'past';
}

export interface ThreadEntry {
  id: string;
  kind: 'in' | 'out' | 'note';
  at: string;
  text: string;
  channel?: Channel;
  offset?: number;
  author?: Person;
}

export interface TipDetail extends QueueItem {
  rule: string;
  text: string;
  evidence: Evidence[];
  places: Array<{ text: string; place: string; region: string }>;
  thread: ThreadEntry[];
}

export interface Me extends Person {
  roles: string[];
}

export interface ApiErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
  claimedBy?: Person;
}

/** Queue filter: `open` is the API's default (everything not closed). */
export type StatusFilter = 'open' | Status;
