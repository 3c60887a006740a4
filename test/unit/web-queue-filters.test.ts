// The dashboard's queue filter as the address carries it and the API takes it, the hash routes,
// and which critical tips are news: the pure parts of web/ops, run without a browser.
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../web/ops/src/api-types';
import { Arrivals, waitingCritical } from '../../web/ops/src/arrivals';
import { activeFilters, apiQuery, DEFAULT_FILTER, filterFromQuery, filterToQuery, type QueueFilter, sameFilter, shortId } from '../../web/ops/src/filters';
import { parseHash, routeHash } from '../../web/ops/src/routes';

const filter = (over: Partial<QueueFilter>): QueueFilter => ({ ...DEFAULT_FILTER, ...over });

describe('queue filter in the address', () => {
  it('leaves the plain queue without a query', () => {
    expect(filterToQuery(DEFAULT_FILTER)).toBe('');
    expect(filterFromQuery(new URLSearchParams(''))).toEqual(DEFAULT_FILTER);
  });

  it('round-trips every field', () => {
    const all = filter({
      status: 'escalated',
      level: 'critical',
      region: 'Madre de Dios',
      q: 'la pampa',
      claimed: 'mine',
      channel: 'whatsapp',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    const query = filterToQuery(all);
    expect(query).toBe('status=escalated&level=critical&region=Madre+de+Dios&q=la+pampa&claimed=mine&channel=whatsapp&from=2026-03-01&to=2026-03-31');
    expect(filterFromQuery(new URLSearchParams(query))).toEqual(all);
  });

  it('drops what the API would refuse from a hand-edited address', () => {
    const parsed = filterFromQuery(new URLSearchParams(`status=lost&level=urgent&claimed=theirs&channel=fax&from=1/3/2026&to=2026-3-1&q=${'x'.repeat(150)}`));
    expect(parsed).toEqual(filter({ q: 'x'.repeat(100) }));
  });
});

describe('queue filter for the API', () => {
  it('sends only what is set, trimmed, with the limit', () => {
    expect(apiQuery(DEFAULT_FILTER, 100).toString()).toBe('limit=100');
    expect(apiQuery(filter({ q: '  prostibar ', region: ' ', claimed: 'unclaimed', from: '2026-01-02' }), 50).toString()).toBe(
      'limit=50&q=prostibar&claimed=unclaimed&from=2026-01-02',
    );
    expect(apiQuery(filter({ status: 'closed' }), 10).get('status')).toBe('closed');
    const reversed = apiQuery(filter({ from: '2026-03-31', to: '2026-03-01' }), 10);
    expect([reversed.get('from'), reversed.get('to')]).toEqual(['2026-03-01', '2026-03-31']);
  });

  it('counts the filters besides the search box, and compares field by field', () => {
    expect(activeFilters(filter({ q: 'hola' }))).toBe(0);
    expect(activeFilters(filter({ level: 'high', channel: 'sms', status: 'new' }))).toBe(3);
    expect(sameFilter(filter({ q: 'a' }), filter({ q: 'a' }))).toBe(true);
    expect(sameFilter(filter({ q: 'a' }), filter({ q: 'b' }))).toBe(false);
  });

  it('shortens a tip id as the paging code does, nothing more', () => {
    expect(shortId('7K2F9QXM')).toBe('7K2F…');
  });
});

describe('hash routes', () => {
  it('reads the queue, a tip, the handover and the roster, with or without a filter', () => {
    expect(parseHash('')).toEqual({ route: { view: 'queue' }, query: null });
    expect(parseHash('#/')).toEqual({ route: { view: 'queue' }, query: null });
    expect(parseHash('#/?level=high')).toEqual({ route: { view: 'queue' }, query: 'level=high' });
    expect(parseHash('#/tips/7k2f9qxm')).toEqual({ route: { view: 'tip', id: '7K2F9QXM' }, query: null });
    expect(parseHash('#/tips/7K2F9QXM?q=pampa')).toEqual({ route: { view: 'tip', id: '7K2F9QXM' }, query: 'q=pampa' });
    expect(parseHash('#/handover')).toEqual({ route: { view: 'handover' }, query: null });
    expect(parseHash('#/roster?')).toEqual({ route: { view: 'roster' }, query: '' });
  });

  it('leaves other fragments alone', () => {
    for (const hash of ['#queue-list', '#/tips/', '#/tips/a-b', '#/elsewhere']) expect(parseHash(hash), hash).toBeNull();
  });

  it('writes the route with the filter after it', () => {
    expect(routeHash({ view: 'queue' }, '')).toBe('#/');
    expect(routeHash({ view: 'tip', id: 'AB12' }, 'level=low')).toBe('#/tips/AB12?level=low');
    expect(routeHash({ view: 'handover' }, '')).toBe('#/handover');
  });
});

const item = (tipId: string, over: Partial<QueueItem> = {}): QueueItem =>
  ({ tipId, level: 'critical', status: 'new', claimedBy: null, createdAt: `2026-03-01T10:00:0${tipId.length % 10}Z`, ...over }) as QueueItem;

describe('which critical tips are news', () => {
  it('primes on the first page, then reports only unseen open critical tips, newest first', () => {
    const arrivals = new Arrivals();
    expect(arrivals.take([item('A'), item('B', { level: 'high' })])).toEqual([]);
    const news = arrivals.take([
      item('A'),
      item('C', { createdAt: '2026-03-01T10:00:00Z' }),
      item('D', { createdAt: '2026-03-01T11:00:00Z' }),
      item('E', { status: 'closed' }),
      item('F', { level: 'low' }),
    ]);
    expect(news.map((i) => i.tipId)).toEqual(['D', 'C']);
    expect(arrivals.take([item('C'), item('D')])).toEqual([]);
  });

  it('does not call what a new filter reveals news', () => {
    const arrivals = new Arrivals();
    arrivals.take([]);
    arrivals.reset();
    expect(arrivals.take([item('Z')])).toEqual([]);
    expect(arrivals.take([item('Z'), item('Y')]).map((i) => i.tipId)).toEqual(['Y']);
  });

  it('counts critical tips nobody holds', () => {
    expect(
      waitingCritical([item('A'), item('B', { claimedBy: { id: 'u', name: 'Olga' } }), item('C', { level: 'high' }), item('D', { status: 'closed' })]),
    ).toBe(1);
  });
});
