// The open tip lives in the address (#/tips/7K2F9QXM) so that Back and a reload behave.
// Other fragments (the skip link's #queue-list) are not routes and are left alone.
const TIP_ROUTE = /^#\/tips\/([A-Za-z0-9]{1,32})$/;

export type Route = { view: 'queue' } | { view: 'tip'; id: string };

export function currentRoute(): Route | null {
  if (location.hash === '' || location.hash === '#/') return { view: 'queue' };
  const match = TIP_ROUTE.exec(location.hash);
  return match ? { view: 'tip', id: match[1]!.toUpperCase() } : null;
}

export const goToQueue = (): void => {
  if (location.hash !== '#/') location.hash = '#/';
};

export const goToTip = (id: string): void => {
  location.hash = `#/tips/${id}`;
};

export function onRoute(handler: (route: Route) => void, signal: AbortSignal): void {
  window.addEventListener(
    'hashchange',
    () => {
      const route = currentRoute();
      if (route) handler(route);
    },
    { signal },
  );
}
