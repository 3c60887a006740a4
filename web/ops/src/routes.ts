// The app's routes as the address writes them, and the filter query after them. Pure (no
// location, no window), so that the unit tests read it without a browser.
const ROUTE = /^#\/(?:(tips)\/([A-Za-z0-9]{1,32})|cases\/([A-Za-z0-9]{1,32})|(referrals\/overdue)|(handover|roster|agencies))?(?:\?(.*))?$/;

/** Pages of their own, each at `#/<name>`. */
type Page = 'handover' | 'roster' | 'agencies';

export type Route = { view: 'queue' } | { view: 'tip'; id: string } | { view: Page } | { view: 'case'; id: string } | { view: 'overdue' };

/** A route and the filter query it carries: null when the address says nothing about the filter. */
export interface Place {
  route: Route;
  query: string | null;
}

export function parseHash(hash: string): Place | null {
  if (hash === '') return { route: { view: 'queue' }, query: null };
  const match = ROUTE.exec(hash);
  if (!match) return null;
  const [, tips, id, caseId, overdue, page, query] = match;
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
