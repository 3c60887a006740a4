// The signed-in console: the queue and the open tip, side by side on a laptop, one at a time
// on a phone.
import * as api from './api';
import type { Me, QueueItem } from './api-types';
import { h, replaceChildren } from './dom';
import { lang, setLang, t } from './i18n';
import { poll } from './poller';
import { currentRoute, goToQueue, goToTip, onRoute, type Route } from './router';
import { installShortcuts } from './shortcuts';
import { AgreementPanel } from './views/agreement';
import { DevPanel } from './views/dev-panel';
import { helpDialog } from './views/help';
import { QueueView } from './views/queue';
import { isResponderOnly } from './views/responder-tip';
import { TipView } from './views/tip';

const POLL_MS = 5_000;

export interface AppOptions {
  /** The local stack's developer panel (its Twilio outbox); never in a deployment. */
  developer: boolean;
}

export function startApp(root: HTMLElement, me: Me, signOut: () => void, options: AppOptions): { stop(): void } {
  const lifetime = new AbortController();
  const bar = h('header', { class: 'bar' });
  const live = h('p', { class: 'live', role: 'status', 'aria-live': 'assertive', 'aria-atomic': 'true' });
  const main = h('main', { id: 'main', class: 'layout', 'data-view': 'queue' });
  let help = helpDialog(options);
  const dev = options.developer ? new DevPanel() : null;
  // The API refuses the report to anyone else; the panel is not even built for them.
  const agreement = me.roles.includes('supervisor') ? new AgreementPanel() : null;
  const skip = h('a', { class: 'skip', href: '#queue-list' });
  let primed = false;
  const seenCritical = new Set<string>();

  const queue = new QueueView({
    onFilter: () => {
      // Tips that a new filter reveals are not news.
      primed = false;
      poller.now();
    },
  });
  const tip = new TipView({
    me: () => me,
    changed: (item) => queue.setItems((lastItems = replaceItem(lastItems, item)), lastHasMore),
    stale: () => poller.now(),
  });
  let lastItems: QueueItem[] = [];
  let lastHasMore = false;

  function renderBar(): void {
    const language = h('button', { type: 'button', lang: lang() === 'es' ? 'en' : 'es', 'aria-label': t('app.languageLabel') }, t('app.language'));
    language.addEventListener('click', () => {
      setLang(lang() === 'es' ? 'en' : 'es');
      rerender();
    });
    const helpButton = h('button', { type: 'button', 'aria-haspopup': 'dialog' }, t('app.help'));
    helpButton.addEventListener('click', () => help.showModal());
    const out = h('button', { type: 'button' }, t('app.signOut'));
    out.addEventListener('click', () => {
      stop();
      signOut();
    });
    replaceChildren(
      bar,
      h('h1', {}, t('app.title')),
      h('p', { class: 'who' }, t('app.signedInAs', { name: me.name })),
      h('nav', { 'aria-label': t('app.menu') }, language, helpButton, out),
    );
    replaceChildren(skip, t('app.skip'));
  }

  function rerender(): void {
    document.title = t('app.title');
    renderBar();
    const fresh = helpDialog(options);
    help.replaceWith(fresh);
    help = fresh;
    queue.renderChrome();
    tip.rerender();
    dev?.renderChrome();
    agreement?.renderChrome();
  }

  // Responders have no queue (the API refuses it); they open the tip they were paged for.
  const responderOnly = isResponderOnly(me);

  async function refresh(): Promise<void> {
    if (responderOnly) return;
    const filter = queue.currentFilter();
    try {
      const page = await api.getQueue(filter);
      // The filter changed while this was in flight; the run that follows will show the right rows.
      if (filter !== queue.currentFilter()) return;
      lastItems = page.tips;
      lastHasMore = page.cursor !== undefined;
      queue.setItems(page.tips, lastHasMore);
      queue.setFetchState(true, new Date());
      announce(page.tips);
      const open = tip.openId ? page.tips.find((i) => i.tipId === tip.openId) : undefined;
      if (open) tip.merge(open);
    } catch (error: unknown) {
      if (error instanceof api.ApiError && error.status === 401) return;
      queue.setFetchState(false, new Date());
    }
    // An acknowledgement arrives by SMS, not through this page: the open tip has to ask.
    await tip.refreshPages({ onlyIfMoving: true });
  }

  function announce(items: QueueItem[]): void {
    const fresh = items.filter((i) => i.level === 'critical' && i.status !== 'closed' && !seenCritical.has(i.tipId));
    for (const item of fresh) seenCritical.add(item.tipId);
    const waiting = items.filter((i) => i.level === 'critical' && i.claimedBy === null && i.status !== 'closed').length;
    document.title = waiting > 0 ? `(${waiting}) ${t('app.title')}` : t('app.title');
    const news = fresh.map((i) => t('queue.newCritical', { id: i.tipId, region: i.region ?? t('queue.noRegion') }));
    if (primed && news.length > 0) replaceChildren(live, news.join(' · '));
    primed = true;
  }

  function route(next: Route): void {
    main.dataset.view = next.view;
    if (next.view === 'tip') {
      queue.setOpen(next.id);
      void tip.open(next.id);
    } else {
      queue.setOpen(null);
      tip.showEmpty();
      queue.focusSelected();
    }
  }

  main.append(queue.element, tip.element);
  replaceChildren(root, skip, bar, live, dev?.element, agreement?.element, main, help);
  rerender();
  const poller = poll(refresh, POLL_MS);
  onRoute(route, lifetime.signal);
  route(currentRoute() ?? { view: 'queue' });

  installShortcuts(
    {
      next: () => queue.move(1),
      previous: () => queue.move(-1),
      open: () => queue.selectedId && goToTip(queue.selectedId),
      claim: () => tip.hasTip && void tip.claim(),
      reply: () => tip.focusReply(),
      back: goToQueue,
      help: () => help.showModal(),
      developer: dev ? () => dev.flip() : undefined,
    },
    lifetime.signal,
  );

  function stop(): void {
    poller.stop();
    dev?.stop();
    agreement?.stop();
    lifetime.abort();
  }
  return { stop };
}

function replaceItem(items: QueueItem[], item: QueueItem): QueueItem[] {
  return items.map((i) => (i.tipId === item.tipId ? item : i));
}
