// The app's routes as the address writes them, and the filter query after them. Pure (no
// location, no window), so that the unit tests read it without a browser.
const ROUTE =
  /^#\/(?:(tips)\/([A-Za-z0-9]{1,32})|cases\/([A-Za-z0-9]{1,32})|(referrals\/overdue)|(handover|roster|agencies)|(statistics(?:\/report)?))?(?:\?(.*))?$/;

/** Pages of their own, each at `#/<name>`. */
type Page = 'handover' | 'roster' | 'agencies';

export type Route = { view: 'queue' } | { view: 'tip'; id: string } | { view: Page } | { view: 'case'; id: string } | { view: 'overdue' } | StatisticsRoute;

/**
 * The statistics and their printable report carry their own query (the period, the report's
 * language), not the queue's filter: a reload or a shared link shows the same period.
 */
export type StatisticsRoute = { view: 'statistics' | 'report'; query: string };

/** A route and the filter query it carries: null when the address says nothing about the filter. */
export interface Place {
  route: Route;
  query: string | null;
}

export function parseHash(hash: string): Place | null {
  if (hash === '') return { route: { view: 'queue' }, query: null };
  const match = ROUTE.exec(hash);
  if (!match) return null;
  const [, tips, id, caseId, overdue, page, statistics, query] = match;
  if (statistics) return { route: { view: statistics === 'statistics' ? 'statistics' : 'report', query: query ?? '' }, query: null };
  const route: Route = tips
    ? { view: 'tip', id: id!.toUpperCase() }
    : caseId
      ? { view: 'case', id: caseId.toUpperCase() }
      : overdue
        ? { view: 'overdue' }
        : page
          ? { view: page as Page }
          : { view: 'queue' };
  return { route, query: query ?? null };
}

export function routeHash(route: Route, query: string): string {
  if (route.view === 'statistics' || route.view === 'report') {
    const path = route.view === 'statistics' ? '#/statistics' : '#/statistics/report';
    return route.query ? `${path}?${route.query}` : path;
  }
  const path =
    route.view === 'tip'
      ? `#/tips/${route.id}`
      : route.view === 'case'
        ? `#/cases/${route.id}`
        : route.view === 'overdue'
          ? '#/referrals/overdue'
          : route.view === 'queue'
            ? '#/'
            : `#/${route.view}`;
  return query ? `${path}?${query}` : path;
}
