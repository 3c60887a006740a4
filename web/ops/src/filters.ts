// What the queue is narrowed to, as the address bar carries it (#/?q=pampa&level=critical) and as
// the API takes it (GET /api/queue). Pure: the unit tests run it without a browser.
import { LEVELS, STATUSES, type Channel, type Level, type StatusFilter } from './api-types';

export const CHANNELS = ['sms', 'whatsapp', 'web'] as const satisfies readonly Channel[];
export const CLAIMED = ['mine', 'unclaimed'] as const;
/** The API refuses longer search text. */
export const SEARCH_MAX = 100;

export interface QueueFilter {
  status: StatusFilter;
  level: Level | '';
  region: string;
  /** Free text over the tip's redacted text. */
  q: string;
  claimed: (typeof CLAIMED)[number] | '';
  channel: Channel | '';
  /** YYYY-MM-DD or ''. */
  from: string;
  to: string;
}

export const DEFAULT_FILTER: Readonly<QueueFilter> = Object.freeze({
  status: 'open',
  level: '',
  region: '',
  q: '',
  claimed: '',
  channel: '',
  from: '',
  to: '',
});

const FIELDS = Object.keys(DEFAULT_FILTER) as Array<keyof QueueFilter>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | '' => (list.includes(value as T) ? (value as T) : '');

/** Whatever a hand-edited or stale address says, only values the API accepts come out. */
export function filterFromQuery(params: URLSearchParams): QueueFilter {
  const text = (name: string, max: number) => (params.get(name) ?? '').slice(0, max);
  const date = (name: string) => (DATE.test(params.get(name) ?? '') ? params.get(name)! : '');
  const status = params.get('status');
  return {
    status: status !== null && (STATUSES as readonly string[]).includes(status) ? (status as StatusFilter) : 'open',
    level: oneOf(LEVELS, params.get('level')),
    region: text('region', 60),
    q: text('q', SEARCH_MAX),
    claimed: oneOf(CLAIMED, params.get('claimed')),
    channel: oneOf(CHANNELS, params.get('channel')),
    from: date('from'),
    to: date('to'),
  };
}

/** Only what differs from the default, in a fixed order: '' for the plain queue. */
export function filterToQuery(filter: QueueFilter): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (filter[field] !== DEFAULT_FILTER[field]) params.set(field, filter[field]);
  return params.toString();
}

/** The query string of GET /api/queue: blanks left out, text trimmed, dates in order. */
export function apiQuery(filter: QueueFilter, limit: number): URLSearchParams {
  const query = new URLSearchParams({ limit: String(limit) });
  // The API refuses a range that ends before it starts; the operator meant the days between.
  const ordered = filter.from && filter.to && filter.from > filter.to ? { ...filter, from: filter.to, to: filter.from } : filter;
  for (const field of FIELDS) {
    const value = ordered[field].trim();
    if (value && value !== DEFAULT_FILTER[field]) query.set(field, value);
  }
  return query;
}

/** Filters set besides the search box: the number shown on the "Filters" toggle. */
export const activeFilters = (filter: QueueFilter): number => FIELDS.filter((f) => f !== 'q' && filter[f] !== DEFAULT_FILTER[f]).length;

export const sameFilter = (a: QueueFilter, b: QueueFilter): boolean => FIELDS.every((f) => a[f] === b[f]);

/** "7K2F…": the start of a tip id, as the paging code shows it; enough to find it, nothing of its text. */
export const shortId = (tipId: string): string => `${tipId.slice(0, 4)}…`;
