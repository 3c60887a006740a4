// The app's routes as the address writes them, and the filter query after them. Pure (no
// location, no window), so that the unit tests read it without a browser.
const ROUTE = /^#\/(?:(tips)\/([A-Za-z0-9]{1,32})|(handover|roster))?(?:\?(.*))?$/;

export type Route = { view: 'queue' } | { view: 'tip'; id: string } | { view: 'handover' } | { view: 'roster' };

/** A route and the filter query it carries: null when the address says nothing about the filter. */
export interface Place {
  route: Route;
  query: string | null;
}

export function parseHash(hash: string): Place | null {
  if (hash === '') return { route: { view: 'queue' }, query: null };
  const match = ROUTE.exec(hash);
  if (!match) return null;
  const [, tips, id, page, query] = match;
  const route: Route = tips ? { view: 'tip', id: id!.toUpperCase() } : page === 'handover' || page === 'roster' ? { view: page } : { view: 'queue' };
  return { route, query: query ?? null };
}

export function routeHash(route: Route, query: string): string {
  const path = route.view === 'tip' ? `#/tips/${route.id}` : route.view === 'queue' ? '#/' : `#/${route.view}`;
  return query ? `${path}?${query}` : path;
}
