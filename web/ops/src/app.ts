// The signed-in console: the queue and the open tip, side by side on a laptop, one at a time
// on a phone; the shift handover and, for supervisors, the roster, each a page of its own.
import * as api from './api';
import type { Me, QueueItem } from './api-types';
import { Arrivals, waitingCritical } from './arrivals';
import { append, h, replaceChildren } from './dom';
import { filterFromQuery, filterToQuery, sameFilter } from './filters';
import { lang, setLang, t } from './i18n';
import { Alerts } from './notify';
import { type Poller, poll } from './poller';
import { currentPlace, goToQueue, goToTip, onRoute, type Place, type Route, setFilterQuery } from './router';
import { installShortcuts } from './shortcuts';
import { AgenciesPage } from './views/agencies';
import { AgreementPanel } from './views/agreement';
import { CasePage } from './views/case';
import { DevPanel } from './views/dev-panel';
import { HandoverView } from './views/handover';
import { helpDialog } from './views/help';
import { NewTipsBanner } from './views/new-tips-banner';
import { OverduePage } from './views/overdue';
import { QueueView } from './views/queue';
import { isResponderOnly } from './views/responder-tip';
import { RosterPanel } from './views/roster';
import { StatisticsEntry } from './views/statistics-entry';
import { TipView } from './views/tip';

const POLL_MS = 5_000;
/** A tab in the background still hears of a critical tip within half a minute. */
const HIDDEN_POLL_MS = 30_000;

export interface AppOptions {
  /** The local stack's developer panel (its Twilio outbox); never in a deployment. */
  developer: boolean;
}

export function startApp(root: HTMLElement, me: Me, signOut: () => void, options: AppOptions): { stop(): void } {
  const lifetime = new AbortController();
  const bar = h('header', { class: 'bar' });
  const main = h('main', { id: 'main', class: 'layout', 'data-view': 'queue' });
  let help = helpDialog(options);
  const dev = options.developer ? new DevPanel() : null;
  const supervisor = me.roles.includes('supervisor');
  // The API refuses the report to anyone else; the panel is not even built for them.
  const agreement = supervisor ? new AgreementPanel() : null;
  const roster = supervisor ? new RosterPanel() : null;
  const overdue = supervisor ? new OverduePage() : null;
  const agencies = supervisor ? new AgenciesPage() : null;
  const statistics = supervisor ? new StatisticsEntry() : null;
  const casePage = new CasePage(() => me);
  const handover = new HandoverView();
  const skip = h('a', { class: 'skip', href: '#queue-list' });
  const arrivals = new Arrivals();
  const alerts = new Alerts();
  const banner = new NewTipsBanner(() => queue.focusSelected());
  let view: Route['view'] = 'queue';
  // Started once the page is built; a filter read while it is built needs no extra poll.
  let poller: Poller | null = null;

  const queue = new QueueView(
    {
      onFilter: (filter) => {
        // Tips that a new filter reveals are not news.
        arrivals.reset();
        setFilterQuery(filterToQuery(filter));
        poller?.now();
      },
      open: goToTip,
    },
    [alerts.element],
  );
  const tip = new TipView({
    me: () => me,
    changed: (item) => queue.setItems((lastItems = replaceItem(lastItems, item)), lastHasMore),
    stale: () => poller?.now(),
  });
  let lastItems: QueueItem[] = [];
  let lastHasMore = false;

  function renderBar(): void {
    // The name a screen reader gives starts with the word on the button (WCAG 2.5.3: speech
    // users say what they see), in the language it is written in.
    const language = h(
      'button',
      { type: 'button', lang: lang() === 'es' ? 'en' : 'es' },
      t('app.language'),
      h('span', { class: 'sr-only', lang: lang() }, ` (${t('app.languageLabel')})`),
    );
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
    const page = (target: 'queue' | 'handover' | 'roster' | 'overdue' | 'agencies' | 'statistics', href: string, label: string) =>
      h(
        'a',
        {
          href,
          'data-nav': target,
          'aria-current': view === target || (target === 'queue' && view === 'tip') || (target === 'statistics' && view === 'report') ? 'page' : null,
        },
        label,
      );
    const pages = responderOnly
      ? null
      : h(
          'nav',
          { class: 'pages', 'aria-label': t('nav.label') },
          page('queue', '#/', t('nav.queue')),
          page('handover', '#/handover', t('nav.handover')),
          roster && page('roster', '#/roster', t('nav.roster')),
          overdue && page('overdue', '#/referrals/overdue', t('nav.overdue')),
          agencies && page('agencies', '#/agencies', t('nav.agencies')),
          statistics && page('statistics', '#/statistics', t('nav.statistics')),
        );
    replaceChildren(
      bar,
      h('h1', {}, t('app.title')),
      h('p', { class: 'who' }, t('app.signedInAs', { name: me.name })),
      pages,
      h('nav', { 'aria-label': t('app.menu') }, language, helpButton, out),
    );
    replaceChildren(skip, t('app.skip'));
  }

  function rerender(): void {
    renderBar();
    const fresh = helpDialog(options);
    help.replaceWith(fresh);
    help = fresh;
    queue.renderChrome();
    tip.rerender();
    dev?.renderChrome();
    agreement?.renderChrome();
    banner.render();
    alerts.renderChrome();
    handover.renderChrome();
    if (view === 'roster') void roster?.load();
    casePage.rerender();
    if (view === 'overdue') overdue?.render();
    if (view === 'agencies') agencies?.render();
    if (view === 'statistics' || view === 'report') statistics?.rerender();
    showTitle();
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
      const news = arrivals.take(page.tips).filter((i) => i.tipId !== tip.openId);
      banner.add(news);
      alerts.critical(news);
      showTitle();
      const open = tip.openId ? page.tips.find((i) => i.tipId === tip.openId) : undefined;
      if (open) tip.merge(open);
    } catch (error: unknown) {
      if (error instanceof api.ApiError && error.status === 401) return;
      queue.setFetchState(false, new Date());
    }
    // An acknowledgement arrives by SMS, not through this page: the open tip has to ask.
    await tip.refreshPages({ onlyIfMoving: true });
  }

  function showTitle(): void {
    const waiting = waitingCritical(lastItems);
    document.title = waiting > 0 ? `(${waiting}) ${t('app.title')}` : t('app.title');
  }

  function route({ route: next, query }: Place): void {
    // An address with a filter sets it (a reload, Back); one without keeps the current one.
    const asked = query === null ? null : filterFromQuery(new URLSearchParams(query));
    if (asked && !sameFilter(asked, queue.currentFilter())) {
      queue.setFilter(asked);
      arrivals.reset();
      poller?.now();
    }
    setFilterQuery(filterToQuery(queue.currentFilter()));
    const leaving = view;
    // A supervisor's address is no way into their pages for anyone else.
    const supervisorsOnly =
      next.view === 'roster' || next.view === 'overdue' || next.view === 'agencies' || next.view === 'statistics' || next.view === 'report';
    view = supervisorsOnly && !supervisor ? 'queue' : next.view;
    main.dataset.view = view;
    if (leaving === 'roster' && view !== 'roster') roster?.stop();
    if (leaving === 'case' && view !== 'case') casePage.stop();
    if (leaving === 'overdue' && view !== 'overdue') overdue?.stop();
    if (leaving === 'agencies' && view !== 'agencies') agencies?.stop();
    if ((leaving === 'statistics' || leaving === 'report') && view !== 'statistics' && view !== 'report') statistics?.stop();
    renderBar();
    if (next.view === 'tip') {
      banner.opened(next.id);
      queue.setOpen(next.id);
      void tip.open(next.id);
      return;
    }
    queue.setOpen(null);
    tip.showEmpty();
    if (view === 'handover') void handover.load().then(() => view === 'handover' && handover.focus());
    else if (view === 'roster') void roster?.load();
    else if (next.view === 'case') void casePage.open(next.id).then(() => view === 'case' && casePage.focus());
    else if (view === 'overdue') void overdue?.load().then(() => view === 'overdue' && overdue?.focus());
    else if (view === 'agencies') void agencies?.load().then(() => view === 'agencies' && agencies?.focus());
    else if (statistics && (next.view === 'statistics' || next.view === 'report'))
      void statistics.open(next).then(() => view === next.view && statistics.focus());
    else queue.focusSelected();
  }

  const initial = currentPlace() ?? { route: { view: 'queue' }, query: null };
  if (initial.query !== null) queue.setFilter(filterFromQuery(new URLSearchParams(initial.query)));
  append(
    main,
    queue.element,
    tip.element,
    h('div', { class: 'page-handover' }, handover.element),
    roster && h('div', { class: 'page-roster' }, roster.element),
    h('div', { class: 'page-case' }, casePage.element),
    overdue && h('div', { class: 'page-overdue' }, overdue.element),
    agencies && h('div', { class: 'page-agencies' }, agencies.element),
    statistics && h('div', { class: 'page-statistics' }, statistics.element),
  );
  replaceChildren(root, skip, bar, banner.live, banner.element, dev?.element, agreement?.element, main, help);
  rerender();
  poller = poll(refresh, POLL_MS, { hiddenMs: HIDDEN_POLL_MS });
  onRoute(route, lifetime.signal);
  route(initial);

  const inQueue = () => view === 'queue' || view === 'tip';
  installShortcuts(
    {
      next: () => inQueue() && queue.move(1),
      previous: () => inQueue() && queue.move(-1),
      open: () => inQueue() && queue.selectedId && goToTip(queue.selectedId),
      claim: () => view === 'tip' && tip.hasTip && void tip.claim(),
      reply: () => view === 'tip' && tip.focusReply(),
      back: goToQueue,
      help: () => help.showModal(),
      developer: dev ? () => dev.flip() : undefined,
    },
    lifetime.signal,
  );

  function stop(): void {
    poller?.stop();
    dev?.stop();
    agreement?.stop();
    roster?.stop();
    casePage.stop();
    overdue?.stop();
    agencies?.stop();
    statistics?.stop();
    lifetime.abort();
  }
  return { stop };
}

function replaceItem(items: QueueItem[], item: QueueItem): QueueItem[] {
  return items.map((i) => (i.tipId === item.tipId ? item : i));
}
