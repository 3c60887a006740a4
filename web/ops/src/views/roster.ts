// Supervisors only: the on-call roster as the API holds it — who can be paged, the weekly
// rotations, the overrides for absences, and each region's escalation policy. Read only: changes
// go through the roster API. No phone number reaches this page; only whether one is on file.
import * as api from '../api';
import type { RosterView } from '../api-types';
import { h, replaceChildren } from '../dom';
import { lang, t, tOr } from '../i18n';
import { clock, timeOfDay } from '../time';
import { LatestRead } from './latest-read';

type Cell = string | HTMLElement;

function table(caption: string, columns: string[], rows: Cell[][], rowAttrs: Array<Record<string, string>> = []): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'roster-empty' }, t('roster.none'));
  return h(
    'div',
    // Focusable because it may scroll sideways on a phone: a keyboard has to be able to scroll it too.
    { class: 'roster-table', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map((cells, i) => h('tr', rowAttrs[i] ?? {}, ...cells.map((c, j) => (j === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))),
    ),
  );
}

const weekday = (n: number): string => {
  // 2024-01-01 was a Monday: ISO weekday n falls n-1 days after it.
  const date = new Date(Date.UTC(2024, 0, n));
  return new Intl.DateTimeFormat(lang(), { weekday: 'long', timeZone: 'UTC' }).format(date);
};

const region = (name: string): string => (name === 'default' ? t('roster.defaultRegion') : name);

export class RosterPanel {
  readonly element: HTMLElement = h('section', { class: 'roster', 'aria-labelledby': 'roster-title' });
  private readonly read = new LatestRead<RosterView>();

  load(): Promise<void> {
    return this.read.run(
      () => api.getRoster(),
      () => this.render(),
    );
  }

  /** Leaving the page: an answer still in flight is dropped. */
  stop(): void {
    this.read.stop();
  }

  private render(): void {
    const refresh = h('button', { type: 'button', 'data-action': 'roster-refresh' }, t('roster.refresh'));
    refresh.addEventListener('click', () => void this.load());
    const state = this.read.error
      ? t('roster.failed', { reason: this.read.error })
      : this.read.at
        ? `${t('roster.title')} · ${timeOfDay(this.read.at)}`
        : t('roster.loading');
    replaceChildren(
      this.element,
      h('div', { class: 'roster-head' }, h('h2', { id: 'roster-title', tabindex: '-1' }, t('roster.title')), refresh),
      h('p', { class: 'hint' }, t('roster.note')),
      h('p', { class: this.read.error ? 'alert roster-state' : 'roster-state', role: 'status' }, state),
      ...(this.read.data ? this.sections(this.read.data) : []),
    );
  }

  private sections(roster: RosterView): HTMLElement[] {
    const names = new Map(roster.responders.map((r) => [r.responderId, r.name]));
    const who = (id: string | null) => (id === null ? t('roster.nobody') : (names.get(id) ?? id));
    const yes = (value: boolean) => (value ? t('roster.yes') : t('roster.no'));
    const section = (id: string, title: string, content: HTMLElement) =>
      h('section', { class: `roster-${id}`, 'aria-labelledby': `roster-${id}-title` }, h('h3', { id: `roster-${id}-title` }, title), content);
    return [
      // The API's problems are its English; the operator is told how many and where to look.
      roster.problems.length > 0 ? h('p', { class: 'alert roster-problems' }, t('roster.problems', { count: roster.problems.length })) : null,
      section(
        'responders',
        t('roster.responders'),
        table(
          t('roster.responders'),
          [t('roster.name'), t('roster.agency'), t('roster.regions'), t('roster.lang'), t('roster.active'), t('roster.phone')],
          roster.responders.map((r) => [
            r.name,
            tOr(`agency.${r.role}`, r.role),
            r.regions.join(', '),
            tOr(`language.${r.lang}`, r.lang),
            yes(r.active),
            r.hasPhone ? t('roster.phoneSet') : t('roster.phoneMissing'),
          ]),
          roster.responders.map((r) => ({ 'data-responder': r.responderId })),
        ),
      ),
      section(
        'rotations',
        t('roster.rotations'),
        table(
          t('roster.rotations'),
          [t('roster.region'), t('roster.handoff'), t('roster.participants'), t('roster.since')],
          roster.rotations.map((r) => [
            region(r.region),
            t('roster.handoffAt', { weekday: weekday(r.handoff.weekday), time: r.handoff.time, zone: r.timeZone }),
            r.participants.map(who).join(' → '),
            r.firstHandoff,
          ]),
          roster.rotations.map((r) => ({ 'data-rotation': r.rotationId })),
        ),
      ),
      section(
        'overrides',
        t('roster.overrides'),
        table(
          t('roster.overrides'),
          [t('roster.rotation'), t('roster.covers'), t('roster.start'), t('roster.end'), t('roster.reason')],
          roster.overrides.map((o) => [o.rotationId, who(o.responderId), clock(o.start), clock(o.end), o.reason]),
        ),
      ),
      section(
        'policies',
        t('roster.policies'),
        table(
          t('roster.policies'),
          [t('roster.region'), t('roster.steps'), t('roster.budget')],
          roster.policies.map((p) => [
            region(p.region),
            h(
              'ol',
              {},
              ...p.levels.map((level, i) =>
                h(
                  'li',
                  {},
                  t('roster.step', {
                    n: i + 1,
                    target: level.target.kind === 'rotation' ? t('roster.targetRotation', { id: level.target.rotationId }) : who(level.target.responderId),
                    minutes: level.deadlineMinutes,
                  }),
                ),
              ),
            ),
            p.pageBudgetPerHour === undefined ? t('roster.budgetDefault') : String(p.pageBudgetPerHour),
          ]),
          roster.policies.map((p) => ({ 'data-policy': p.policyId })),
        ),
      ),
    ].filter((el): el is HTMLElement => el !== null);
  }
}
