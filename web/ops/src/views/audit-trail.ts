// Supervisors only: who did what to this tip, and when. Folded away, and read only when opened:
// reading the trail is itself written to the trail. Each action is said in the operator's
// language; of its details, only those with a translation or written by staff are shown (the
// API's ids and flags are for the record, not for reading at 3 a.m.).
import * as api from '../api';
import type { AuditEntry } from '../api-types';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { t, tOr } from '../i18n';
import { clock } from '../time';

/** Details whose value is staff's own words or names: shown as written. */
const WRITTEN = new Set(['reason', 'previousHolderName', 'toName', 'fromName', 'responderName', 'note', 'of', 'agencyReference']);
/** Details whose value is a status, level or outcome (a referral's own status, on its actions): shown translated. */
const NAMED = new Set(['from', 'to', 'outcome', 'scored', 'status', 'agencyKind']);
/** Details whose value is a count (a referral's outcome, days without news): shown as it is. */
const COUNTED = new Set(['rescuedAdults', 'rescuedMinors', 'arrests', 'overdueDays']);
/** Details whose value is "true" or "false". */
const FLAGS = new Set(['chargesFiled', 'conviction']);

function named(entry: AuditEntry, value: string): string {
  const referral = entry.action.startsWith('referral_') ? tOr(`referral.status.${value}`, '') : '';
  return referral || tOr(`status.${value}`, '') || tOr(`level.${value}`, '') || tOr(`outcome.${value}`, '') || tOr(`agencyKind.${value}`, '');
}

function detailParts(entry: AuditEntry): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry.details)) {
    const label = tOr(`audit.detail.${key}`, '');
    if (!label) continue;
    // A referral's status change records that a note was written, not the note.
    if (key === 'note' && value === 'true') parts.push(t('audit.detail.noteWritten'));
    else if (WRITTEN.has(key) || COUNTED.has(key)) parts.push(`${label}: ${value}`);
    else if (FLAGS.has(key)) parts.push(`${label}: ${value === 'true' ? t('roster.yes') : t('roster.no')}`);
    else if (NAMED.has(key) && named(entry, value)) parts.push(`${label}: ${named(entry, value)}`);
  }
  return parts;
}

export class AuditTrail {
  readonly element = h('details', { class: 'audit-trail' });
  private readonly body = h('div', { class: 'audit-body', role: 'region', 'aria-labelledby': 'audit-title', tabindex: 0 });
  private events: AuditEntry[] | null = null;
  private error = '';
  private ticket = 0;

  constructor(private readonly tipId: string) {
    this.element.addEventListener('toggle', () => {
      if (this.element.open) void this.load();
    });
    this.render();
  }

  async load(): Promise<void> {
    const ticket = ++this.ticket;
    try {
      const { events } = await api.getAudit(this.tipId);
      if (ticket !== this.ticket) return;
      this.events = events;
      this.error = '';
    } catch (error: unknown) {
      if (ticket !== this.ticket) return;
      this.error = describeError(error);
    }
    this.renderBody();
  }

  render(): void {
    const refresh = h('button', { type: 'button', 'data-action': 'audit-refresh' }, t('audit.refresh'));
    refresh.addEventListener('click', () => void this.load());
    replaceChildren(
      this.element,
      h('summary', {}, h('h3', { id: 'audit-title' }, t('audit.title'))),
      h('p', { class: 'hint' }, t('audit.note'), ' ', refresh),
      this.body,
    );
    this.renderBody();
  }

  private renderBody(): void {
    replaceChildren(this.body, this.bodyContent());
  }

  private bodyContent(): HTMLElement | null {
    if (this.error) return h('p', { class: 'alert' }, t('audit.failed', { reason: this.error }));
    if (this.events === null) return this.element.open ? h('p', {}, t('app.loading')) : null;
    if (this.events.length === 0) return h('p', {}, t('audit.empty'));
    const rows = [...this.events]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((entry) =>
        h(
          'tr',
          { 'data-action': entry.action },
          h('td', {}, h('time', { datetime: entry.at }, clock(entry.at))),
          h('td', {}, entry.actor.name),
          h('td', {}, tOr(`auditAction.${entry.action}`, t('auditAction.unknown'))),
          h('td', {}, detailParts(entry).join(' · ')),
        ),
      );
    return h(
      'table',
      { class: 'audit-table' },
      h('caption', { class: 'sr-only' }, t('audit.caption')),
      h('thead', {}, h('tr', {}, ...(['when', 'who', 'what', 'details'] as const).map((c) => h('th', { scope: 'col' }, t(`audit.${c}`))))),
      h('tbody', {}, ...rows),
    );
  }
}
