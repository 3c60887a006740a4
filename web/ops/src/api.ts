// The operator API client. Every call carries the ID token; a 401 ends the session.
import type {
  AgreementReport,
  ApiErrorBody,
  AuditEntry,
  EvidenceListing,
  Handover,
  Level,
  Me,
  Outcome,
  OutboxMessage,
  QueueItem,
  ReplySent,
  ResponderTipView,
  RevealedValue,
  RevealRequestView,
  RosterView,
  StaffMember,
  ThreadEntry,
  TipDetail,
  TipPages,
  TipStatus,
} from './api-types';
import { currentToken } from './auth';
import { apiQuery, type QueueFilter } from './filters';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** The network itself failed (offline, server down): distinct from an answer we did not like. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

let onUnauthorized: () => void = () => {};
export const whenUnauthorized = (handler: () => void): void => {
  onUnauthorized = handler;
};

/** An object whose `fields` are all strings: what is checked of an answer before it is trusted. */
const hasStrings = (value: unknown, fields: readonly string[]): boolean =>
  typeof value === 'object' && value !== null && fields.every((field) => typeof (value as Record<string, unknown>)[field] === 'string');

const errorBody = (value: unknown): ApiErrorBody | null => (hasStrings(value, ['message']) ? (value as ApiErrorBody) : null);

/** The answer's JSON (null if none); NetworkError when no answer came, ApiError for a 4xx or 5xx. */
async function fetchJson(path: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, cache: 'no-store' });
  } catch (error: unknown) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, errorBody(parsed));
  return parsed;
}

/** An authorised call to the API; exported for the clients of other parts (api-cases.ts). */
export async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${currentToken() ?? ''}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return (await fetchJson(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })) as T;
  } catch (error: unknown) {
    if (error instanceof ApiError && error.status === 401) onUnauthorized();
    throw error;
  }
}

/** An authorised GET of a file (the statistics' CSV): the answer itself, once it is a 2xx. */
export async function callForFile(path: string, accept: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${currentToken() ?? ''}`, accept }, cache: 'no-store' });
  } catch (error: unknown) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (res.ok) return res;
  if (res.status === 401) onUnauthorized();
  throw new ApiError(res.status, errorBody(await res.json().catch(() => null)));
}

const tip = (id: string, action = ''): string => `/api/tips/${encodeURIComponent(id)}${action}`;

export type { QueueFilter };

export const QUEUE_LIMIT = 100;

export function getQueue(filter: QueueFilter): Promise<{ tips: QueueItem[]; cursor?: string }> {
  return call('GET', `/api/queue?${apiQuery(filter, QUEUE_LIMIT).toString()}`);
}

/** What one shift leaves the next: open tips by level, what nobody answered, who holds what. */
export const getHandover = (): Promise<Handover> => call('GET', '/api/handover');

export const getMe = (): Promise<Me> => call('GET', '/api/me');
export const getTip = (id: string): Promise<TipDetail> => call('GET', tip(id));
/** A responder's view of a tip they were paged for; any other tip is a 404, as an unknown one. */
export const getResponderTip = (id: string): Promise<ResponderTipView> => call('GET', tip(id));
export const claim = (id: string): Promise<QueueItem> => call('POST', tip(id, '/claim'));
export const release = (id: string): Promise<QueueItem> => call('POST', tip(id, '/release'));
export const setStatus = (id: string, status: TipStatus, outcome?: Outcome): Promise<QueueItem> =>
  call('POST', tip(id, '/status'), outcome ? { status, outcome } : { status });
export const addNote = (id: string, text: string): Promise<ThreadEntry> => call('POST', tip(id, '/notes'), { text });
export const overrideLevel = (id: string, level: Level, reason: string): Promise<QueueItem> => call('POST', tip(id, '/level'), { level, reason });
export const reply = (id: string, text: string): Promise<ReplySent> => call('POST', tip(id, '/replies'), { text });

/** A supervisor takes over a tip someone else holds; the reason goes to the audit trail. */
export const takeOver = (id: string, reason: string): Promise<QueueItem> => call('POST', tip(id, '/claim'), { takeOver: true, reason });
/** Paging that follows the case: stop it, record an ACK given by phone, merge a duplicate, hand it on. */
export const stopPaging = (id: string, reason: string): Promise<{ status: string }> => call('POST', tip(id, '/paging/stop'), { reason });
export const phoneAck = (id: string, responderId: string, note?: string): Promise<{ status: string }> =>
  call('POST', tip(id, '/paging/ack'), note ? { responderId, note } : { responderId });
export const markDuplicate = (id: string, of: string): Promise<QueueItem> => call('POST', tip(id, '/duplicate'), { of });
export const assign = (id: string, to: string): Promise<QueueItem> => call('POST', tip(id, '/assign'), { to });
export const getStaff = (): Promise<{ staff: StaffMember[] }> => call('GET', '/api/staff');
/** Supervisors only: who did what to a tip, and when. */
export const getAudit = (id: string): Promise<{ events: AuditEntry[] }> => call('GET', tip(id, '/audit'));
/** Supervisors only: responders, rotations, overrides and escalation policies. */
export const getRoster = (): Promise<RosterView> => call('GET', '/api/roster');

/** Supervisors only: a tip's sealed spans (never a value) and its reveal requests. */
export const getEvidence = (id: string): Promise<EvidenceListing> => call('GET', tip(id, '/evidence'));
export const requestReveal = (id: string, spanId: string, reason: string): Promise<RevealRequestView> =>
  call('POST', tip(id, `/evidence/${encodeURIComponent(spanId)}/reveal-requests`), { reason });
export const decideReveal = (id: string, requestId: string, decision: 'approve' | 'refuse'): Promise<RevealRequestView> =>
  call('POST', tip(id, `/reveal-requests/${encodeURIComponent(requestId)}/${decision}`));
/** The value of one's own approved request: shown, never kept (the answer is not cached either). */
export const revealValue = (id: string, requestId: string): Promise<RevealedValue> => call('GET', tip(id, `/reveal-requests/${encodeURIComponent(requestId)}`));

/** Supervisors only: how often operators raised or lowered the scorer's level, last 30 days. */
export const getAgreement = (): Promise<AgreementReport> => call('GET', '/api/reports/agreement');

/** Who was paged for a tip. null when nothing was: a 404 is what a stack without paging answers. */
export async function getPages(id: string): Promise<TipPages | null> {
  try {
    const answer = await call<TipPages>('GET', tip(id, '/pages'));
    return answer.state === null && answer.pages.length === 0 ? null : answer;
  } catch (error: unknown) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The local stack's outbox, oldest first. Not the operator API: no token goes with it, since
 * this route is not behind the authorizer and has no business seeing one.
 */
export async function getOutbox(): Promise<OutboxMessage[]> {
  const parsed = await fetchJson('/local/outbox', { headers: { accept: 'application/json' } });
  return Array.isArray(parsed) ? parsed.filter(isOutboxMessage) : [];
}

const isOutboxMessage = (value: unknown): value is OutboxMessage => hasStrings(value, ['sid', 'to', 'body', 'at']);
