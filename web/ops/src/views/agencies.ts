// Supervisors only (#/agencies): the directory of agencies cases are referred to, read from the
// roster API, with the forms that add or edit one and that say, per region, which kinds are its
// local authority. No contact comes back from the API; only whether one is on file.
import * as api from '../api-cases';
import { type AgencyKind, DEFAULT_LOCAL_AUTHORITY_KINDS, type RegionRulePut, type RosterWithAgencies } from '../api-types-cases';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import { type AgencyFormValues, agencyForm, regionRuleForm } from './agency-forms';
import { LatestRead, readStateLine } from './latest-read';

/** Regions compare as core's sameRegion does: without case, accents or extra spaces. */
const regionKey = (region: string): string => region.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();

export class AgenciesPage {
  readonly element = h('section', { class: 'agencies', 'aria-labelledby': 'agencies-title' });
  private readonly heading = h('h2', { id: 'agencies-title', tabindex: '-1' });
  private readonly alert = h('p', { class: 'case-alert', role: 'alert' });
  private readonly notice = h('p', { class: 'case-notice', role: 'status' });
  private readonly read = new LatestRead<RosterWithAgencies>();
  private editing: AgencyFormValues | null = null;
  private busy = false;

  load(): Promise<void> {
    return this.read.run(
      () => api.getDirectory(),
      () => this.render(),
    );
  }

  focus(): void {
    this.heading.focus();
  }

  stop(): void {
    this.read.stop();
  }

  render(): void {
    replaceChildren(this.heading, t('agencies.title'));
    const refresh = h('button', { type: 'button', 'data-action': 'agencies-refresh' }, t('agencies.refresh'));
    refresh.addEventListener('click', () => void this.load());
    replaceChildren(
      this.element,
      h('div', { class: 'case-head' }, this.heading, refresh),
      h('p', { class: 'hint' }, t('agencies.note')),
      readStateLine(this.read, 'agencies'),
      h('div', { class: 'case-messages' }, this.alert, this.notice),
      ...(this.read.data ? this.sections(this.read.data) : []),
    );
  }

  private localKinds(data: RosterWithAgencies, region: string): readonly AgencyKind[] {
    const rule = data.regionRules?.find((r) => regionKey(r.region) === regionKey(region));
    return rule?.localAuthorityKinds ?? DEFAULT_LOCAL_AUTHORITY_KINDS;
  }

  private sections(data: RosterWithAgencies): HTMLElement[] {
    const agencies = [...(data.agencies ?? [])].sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
    const rules = data.regionRules ?? [];
    const regions = new Map<string, string>();
    for (const region of [...rules.map((r) => r.region), ...agencies.map((a) => a.region), ...data.policies.map((p) => p.region)]) {
      if (!regions.has(regionKey(region))) regions.set(regionKey(region), region);
    }
    const named = [...regions.values()].filter((r) => r !== 'default').sort((a, b) => a.localeCompare(b));
    const yes = (value: boolean) => (value ? t('roster.yes') : t('roster.no'));
    const columns = [
      t('agencies.name'),
      t('agencies.kind'),
      t('agencies.region'),
      t('agencies.active'),
      t('agencies.contact'),
      t('agencies.localAuthority'),
      '',
    ];
    const rows = agencies.map((agency) => {
      const edit = h('button', { type: 'button', 'data-action': 'edit-agency' }, t('agencies.editButton'), h('span', { class: 'sr-only' }, ` ${agency.name}`));
      edit.addEventListener('click', () => {
        this.editing = { ...agency };
        this.render();
        this.element.querySelector<HTMLInputElement>('#agency-name')?.focus();
      });
      return h(
        'tr',
        { 'data-agency-id': agency.agencyId, 'data-active': String(agency.active) },
        h('th', { scope: 'row' }, agency.name),
        h('td', {}, t(`agencyKind.${agency.kind}`)),
        h('td', {}, agency.region),
        h('td', {}, yes(agency.active)),
        h('td', { 'data-has-contact': String(agency.hasContact) }, agency.hasContact ? t('roster.phoneSet') : t('roster.phoneMissing')),
        h('td', {}, yes(this.localKinds(data, agency.region).includes(agency.kind))),
        h('td', {}, edit),
      );
    });
    const addNew = h('button', { type: 'button', 'data-action': 'new-agency' }, t('agencies.addButton'));
    addNew.addEventListener('click', () => {
      this.editing = null;
      this.render();
      this.element.querySelector<HTMLInputElement>('#agency-id')?.focus();
    });
    const policies = data.policies.map((p) => ({
      policyId: p.policyId,
      label: p.region === 'default' ? `${p.policyId} (${t('roster.defaultRegion')})` : `${p.policyId} (${p.region})`,
    }));
    return [
      h(
        'section',
        { class: 'agency-directory', 'aria-labelledby': 'agency-directory-title' },
        h('h3', { id: 'agency-directory-title' }, t('agencies.directory')),
        agencies.length === 0
          ? h('p', {}, t('agencies.none'))
          : h(
              'div',
              { class: 'roster-table', role: 'region', 'aria-label': t('agencies.directory'), tabindex: 0 },
              h(
                'table',
                {},
                h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c || h('span', { class: 'sr-only' }, t('agencies.editButton')))))),
                h('tbody', {}, ...rows),
              ),
            ),
        h('p', {}, addNew),
      ),
      h(
        'section',
        { class: 'agency-edit' },
        agencyForm(
          this.editing,
          named,
          (agencyId, body) => void this.save(() => api.putAgency(agencyId, body), t('agencies.saved', { name: body.name })),
          (message) => {
            replaceChildren(this.notice);
            replaceChildren(this.alert, message);
          },
        ),
      ),
      h(
        'section',
        { class: 'region-rules', 'aria-labelledby': 'region-rules-title' },
        h('h3', { id: 'region-rules-title' }, t('agencies.rules')),
        h('p', { class: 'hint' }, t('agencies.rulesNote')),
        ...[...named, 'default'].map((region) =>
          regionRuleForm(
            region,
            rules.find((r) => regionKey(r.region) === regionKey(region)),
            policies,
            (ruleId, body: RegionRulePut) =>
              void this.save(
                () => api.putRegionRule(ruleId, body),
                t('agencies.ruleSaved', { region: body.region === 'default' ? t('roster.defaultRegion') : body.region }),
              ),
          ),
        ),
      ),
    ];
  }

  private async save(request: () => Promise<unknown>, done: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.element.setAttribute('aria-busy', 'true');
    replaceChildren(this.alert);
    replaceChildren(this.notice, t('action.working'));
    try {
      await request();
      this.editing = null;
      await this.load();
      replaceChildren(this.notice, done);
    } catch (error: unknown) {
      replaceChildren(this.notice);
      replaceChildren(this.alert, describeError(error));
    } finally {
      this.busy = false;
      this.element.removeAttribute('aria-busy');
    }
  }
}
