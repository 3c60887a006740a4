// The operator API client. Every call carries the ID token; a 401 ends the session.
import type { AgreementReport, ApiErrorBody, Channel, Level, Me, Outcome, OutboxMessage, QueueItem, Status, StatusFilter, ThreadEntry, TipDetail, TipPages } from './api-types';
import { currentToken } from './auth';

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

function errorBody(value: unknown): ApiErrorBody | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  return typeof record.message === 'string' ? (record as unknown as ApiErrorBody) : null;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${currentToken() ?? ''}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, cache: 'no-store', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch (error: unknown) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, errorBody(parsed));
  return parsed as T;
}

const tip = (id: string, action = ''): string => `/api/tips/${encodeURIComponent(id)}${action}`;

export interface QueueFilter {
  status: StatusFilter;
  level: Level | '';
  region: string;
}

export const QUEUE_LIMIT = 100;

export function getQueue(filter: QueueFilter): Promise<{ tips: QueueItem[]; cursor?: string }> {
  const query = new URLSearchParams({ limit: String(QUEUE_LIMIT) });
  if (filter.status !== 'open') query.set('status', filter.status);
  if (filter.level) query.set('level', filter.level);
  if (filter.region.trim()) query.set('region', filter.region.trim());
  return call('GET', `/api/queue?${query.toString()}`);
}

export const getMe = (): Promise<Me> => call('GET', '/api/me');
export const getTip = (id: string): Promise<TipDetail> => call('GET', tip(id));
export const claim = (id: string): Promise<QueueItem> => call('POST', tip(id, '/claim'));
export const release = (id: string): Promise<QueueItem> => call('POST', tip(id, '/release'));
export const setStatus = (id: string, status: Status, outcome?: Outcome): Promise<QueueItem> => call('POST', tip(id, '/status'), outcome ? { status, outcome } : { status });
export const addNote = (id: string, text: string): Promise<ThreadEntry> => call('POST', tip(id, '/notes'), { text });
export const overrideLevel = (id: string, level: Level, reason: string): Promise<QueueItem> => call('POST', tip(id, '/level'), { level, reason });
export const reply = (id: string, text: string): Promise<{ status: 'sent'; channel: Channel }> => call('POST', tip(id, '/replies'), { text });

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
  let res: Response;
  try {
    res = await fetch('/local/outbox', { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (error: unknown) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, errorBody(parsed));
  return Array.isArray(parsed) ? parsed.filter(isOutboxMessage) : [];
}

function isOutboxMessage(value: unknown): value is OutboxMessage {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['sid', 'to', 'body', 'at'].every((field) => typeof record[field] === 'string');
}
