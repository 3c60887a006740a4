// A case (#/cases/{caseId}): the tips linked into it, what happened to them oldest first, and
// its referrals to agencies, with the forms that refer it and follow each referral up. Read
// when opened and after each action, not polled: nothing here changes by the minute.
import { ApiError } from '../api';
import * as api from '../api-cases';
import type { Me } from '../api-types';
import type { AgencyOption, CaseView, NewReferral, OutcomeReport, Referral, ReferralMove } from '../api-types-cases';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import { clock } from '../time';
import { complicityWarning } from './case-link';
import { caseTips, timeline } from './case-sections';
import { referralCard } from './referral-card';
import { type ReferralDraft, referralForm } from './referral-form';

const emptyDraft = (): ReferralDraft => ({ agencyId: '', summary: '', reason: '' });

export class CasePage {
  readonly element = h('section', { class: 'case-page', 'aria-labelledby': 'case-title' });
  private readonly heading = h('h2', { id: 'case-title', tabindex: '-1' });
  private readonly alert = h('p', { class: 'case-alert', role: 'alert' });
  private readonly notice = h('p', { class: 'case-notice', role: 'status' });
  private readonly messages = h('div', { class: 'case-messages' }, this.alert, this.notice);
  private readonly body = h('div', { class: 'case-body' });
  private caseId: string | null = null;
  private data: CaseView | null = null;
  private error: string | null = null;
  private agencies: AgencyOption[] | null = null;
  private agenciesError: string | null = null;
  private draft: ReferralDraft = emptyDraft();
  private ticket = 0;
  private busy = false;

  constructor(private readonly me: () => Me) {}

  async open(caseId: string): Promise<void> {
    if (caseId !== this.caseId) {
      this.caseId = caseId;
      this.data = null;
      this.draft = emptyDraft();
      replaceChildren(this.alert);
      replaceChildren(this.notice);
    }
    this.error = null;
    this.render();
    const ticket = ++this.ticket;
    // The directory too, each time: a supervisor may have changed it since.
    const [found, agencies] = await Promise.allSettled([api.getCase(caseId), api.getAgencies()]);
    if (ticket !== this.ticket) return;
    if (found.status === 'fulfilled') this.data = found.value;
    else this.error = found.reason instanceof ApiError && found.reason.status === 404 ? t('caseView.notFound') : describeError(found.reason);
    if (agencies.status === 'fulfilled') {
      this.agencies = agencies.value.agencies;
      this.agenciesError = null;
    } else this.agenciesError = describeError(agencies.reason);
    this.render();
  }

  focus(): void {
    this.heading.focus();
  }

  /** Leaving the page: an answer still in flight is dropped. */
  stop(): void {
    this.ticket += 1;
  }

  /** The language changed: a case opened is said again (nothing is built before one is). */
  rerender(): void {
    if (this.caseId) this.render();
  }

  private render(): void {
    const data = this.data;
    replaceChildren(this.heading, data ? t('caseView.title', { code: data.code }) : t('caseView.titleLoading'));
    const refresh = h('button', { type: 'button', 'data-action': 'case-refresh' }, t('caseView.refresh'));
    refresh.addEventListener('click', () => this.caseId && void this.open(this.caseId));
    const state = this.error ? h('p', { class: 'case-alert case-state' }, this.error) : !data ? h('p', { class: 'case-state' }, t('app.loading')) : null;
    replaceChildren(
      this.element,
      h('div', { class: 'case-head' }, this.heading, refresh),
      data && h('p', { class: 'case-meta' }, t('caseView.opened', { time: clock(data.createdAt), name: data.createdBy.name })),
      data?.implicatesOfficials && complicityWarning(),
      this.messages,
      state,
      data && this.sections(data),
    );
  }

  private sections(data: CaseView): HTMLElement {
    const me = this.me();
    const actions = {
      move: (referral: Referral, move: ReferralMove) => void this.run(() => api.moveReferral(data.caseId, referral.referralId, move), t('referral.moved')),
      report: (referral: Referral, outcome: OutcomeReport) =>
        void this.run(() => api.reportOutcome(data.caseId, referral.referralId, outcome), t('referral.outcomeDone')),
      problem: (message: string) => this.say(message, true),
    };
    replaceChildren(
      this.body,
      caseTips(data.tips),
      timeline(data.timeline),
      h(
        'section',
        { class: 'case-referrals', 'aria-labelledby': 'case-referrals-title' },
        h('h3', { id: 'case-referrals-title' }, t('caseView.referrals')),
        data.referrals.length === 0
          ? h('p', {}, t('caseView.noReferrals'))
          : h('div', { class: 'referral-list' }, ...data.referrals.map((r) => referralCard(r, actions))),
      ),
      referralForm({
        agencies: this.agencies,
        agenciesError: this.agenciesError,
        implicatesOfficials: data.implicatesOfficials,
        supervisor: me.roles.includes('supervisor'),
        draft: this.draft,
        send: (referral: NewReferral) =>
          void this.run(
            () => api.sendReferral(data.caseId, referral),
            t('referral.sent', { agency: this.agencies?.find((a) => a.agencyId === referral.agencyId)?.name ?? '' }),
            () => (this.draft = emptyDraft()),
          ),
        problem: (message: string) => this.say(message, true),
      }),
    );
    return this.body;
  }

  private say(message: string, isError: boolean): void {
    replaceChildren(isError ? this.alert : this.notice, message);
    replaceChildren(isError ? this.notice : this.alert);
  }

  /** One request at a time; then the case is read again, so that its timeline shows what was done. */
  private async run(request: () => Promise<unknown>, done: string, after?: () => void): Promise<void> {
    if (this.busy || !this.caseId) return;
    this.busy = true;
    this.element.setAttribute('aria-busy', 'true');
    this.say(t('action.working'), false);
    try {
      await request();
      after?.();
      await this.open(this.caseId);
      this.say(done, false);
    } catch (error: unknown) {
      this.say(describeError(error), true);
    } finally {
      this.busy = false;
      this.element.removeAttribute('aria-busy');
    }
  }
}
