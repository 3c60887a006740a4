// Where the operator is lives in the address (#/tips/7K2F9QXM, #/handover) so that Back and a
// reload behave; so does what the queue is narrowed to, as a query after the route
// (#/tips/7K2F9QXM?level=critical), so that a reload keeps the filters.
// Other fragments (the skip link's #queue-list) are not routes and are left alone.
import { type Place, parseHash, type Route, routeHash } from './routes';

export type { Place, Route };

// The filter the queue shows, carried along on every move.
let filterQuery = '';

export const currentPlace = (): Place | null => parseHash(location.hash);
export const currentRoute = (): Route | null => currentPlace()?.route ?? null;

/** The queue's filter changed: the address says so, without a history entry per keystroke. */
export function setFilterQuery(query: string): void {
  filterQuery = query;
  const place = currentPlace();
  if (!place) return;
  const hash = routeHash(place.route, query);
  if (hash !== location.hash && !(hash === '#/' && location.hash === '')) history.replaceState(history.state, '', hash);
}

const go = (route: Route): void => {
  const hash = routeHash(route, filterQuery);
  if (location.hash !== hash) location.hash = hash;
};

export const goToQueue = (): void => go({ view: 'queue' });
export const goToTip = (id: string): void => go({ view: 'tip', id });

export function onRoute(handler: (place: Place) => void, signal: AbortSignal): void {
  window.addEventListener(
    'hashchange',
    () => {
      const place = currentPlace();
      if (place) handler(place);
    },
    { signal },
  );
}
