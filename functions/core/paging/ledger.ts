// The guards on automatic paging, per region: one page budget per rolling hour, and the tips
// whose paging started minutes ago, which a duplicate is covered by. A region's ledger is one
// small record that the adapter reads, hands to these functions, and writes back on the version
// it read; so two pages decided at once cannot both take the last of a budget, and two copies of
// one tip decided at once cannot both start a page. Pure: time and the ledger are passed in.
//
// Which region: the escalation policy's (policyFor), not the tip's place. A budget protects the
// people woken up, and every region without a policy of its own pages the default policy's
// responders: a flood that names a different town in each tip would otherwise multiply their
// pages by the number of regions.
import type { StaffRef } from '../tip-record';
import type { TipFingerprint } from './fingerprint';
import { NEAR_IDENTICAL, similarity } from './fingerprint';
import type { EscalationPolicy } from './model';
import { regionKey } from './model';
import { policyFor } from './schedule';

export interface PagingGuards {
  /** Automatic page SMS a region may send in any 60 minutes. */
  budgetPerHour: number;
  /** Minutes within which a tip like one already paged in the region is covered by that page. */
  duplicateWindowMinutes: number;
}

export const BUDGET_WINDOW_MS = 60 * 60_000;
/**
 * Tips remembered per region for the duplicate check. A flood of distinct tips beyond it is the
 * budget's to stop; this only bounds the record (a DynamoDB item holds 400 KB).
 */
export const MAX_RECENT_STARTS = 200;

/** A page SMS sent (or being sent) in the last hour, once per page key whatever the retries. */
export interface SpentPage {
  key: string;
  at: string;
  /** An operator decided this page: it was never held, and it counts all the same. */
  decided?: true;
}

/** A tip whose paging started here (paged or held), with what a later copy is compared with. */
export interface RecentStart extends TipFingerprint {
  tipId: string;
  at: string;
}

export interface RegionLedger {
  spent: SpentPage[];
  recent: RecentStart[];
  /** When supervisors were last told that the budget was spent: once per region and hour. */
  toldAt?: string;
}

export const emptyLedger = (): RegionLedger => ({ spent: [], recent: [] });

/** The key of the ledger that pages for a tip of `region` are counted in. */
export function ledgerRegion(region: string | null, policies: readonly EscalationPolicy[]): string {
  return regionKey(policyFor(region, policies).region);
}

export interface Covering {
  tipId: string;
  match: 'contact' | 'text';
  /** When the covering tip's paging started. */
  at: string;
}

export interface HeldPages {
  kind: 'held';
  /** When the oldest page of the hour leaves the window: the earliest a held page may go. */
  retryAt: Date;
  spent: number;
  /** Idempotency key of the supervisors' notice: the same for every hold in that hour. */
  noticeKey: string;
}

export type GuardVerdict = { kind: 'page' } | { kind: 'covered'; by: Covering } | HeldPages;

const ms = (iso: string): number => Date.parse(iso);

function current(ledger: RegionLedger, now: Date, guards: PagingGuards): RegionLedger {
  const t = now.getTime();
  // Entries from a clock ahead of this one (another host) count until they age out.
  return {
    ...ledger,
    spent: ledger.spent.filter((s) => ms(s.at) > t - BUDGET_WINDOW_MS),
    recent: ledger.recent.filter((r) => ms(r.at) > t - guards.duplicateWindowMinutes * 60_000),
  };
}

/** The newest start this tip copies: the same sender, or a near-identical text. */
export function coveringStart(ledger: RegionLedger, tipId: string, fingerprint: TipFingerprint): Covering | undefined {
  const others = ledger.recent.filter((r) => r.tipId !== tipId).sort((a, b) => ms(b.at) - ms(a.at));
  for (const start of others) {
    if (fingerprint.contact && start.contact === fingerprint.contact) return { tipId: start.tipId, match: 'contact', at: start.at };
    if (fingerprint.sketch && start.sketch && similarity(fingerprint.sketch, start.sketch) >= NEAR_IDENTICAL) {
      return { tipId: start.tipId, match: 'text', at: start.at };
    }
  }
  return undefined;
}

/**
 * Takes budget for `keys` (the page SMS a transition is about to send). A key already spent is
 * granted again at no cost, so that a redelivered job never counts one page twice. An
 * operator's decision is always granted, and counted.
 */
export function spendPages(
  ledger: RegionLedger,
  input: { region: string; keys: readonly string[]; decided: boolean; now: Date; guards: PagingGuards },
): { ledger: RegionLedger; verdict: { kind: 'page' } | HeldPages } {
  const live = current(ledger, input.now, input.guards);
  const known = new Set(live.spent.map((s) => s.key));
  const fresh = [...new Set(input.keys)].filter((key) => !known.has(key));
  if (fresh.length === 0) return { ledger: live, verdict: { kind: 'page' } };
  const at = input.now.toISOString();
  const taken = fresh.map((key): SpentPage => (input.decided ? { key, at, decided: true } : { key, at }));
  if (input.decided || live.spent.length + fresh.length <= input.guards.budgetPerHour) {
    return { ledger: { ...live, spent: [...live.spent, ...taken] }, verdict: { kind: 'page' } };
  }
  // The pages must wait until enough of the hour's pages have aged out to make room for them.
  const times = live.spent.map((s) => ms(s.at)).sort((a, b) => a - b);
  const mustAgeOut = Math.max(1, live.spent.length + fresh.length - input.guards.budgetPerHour);
  const freedAt = times[Math.min(times.length, mustAgeOut) - 1] ?? input.now.getTime();
  const retryAt = new Date(Math.max(input.now.getTime() + 1_000, freedAt + BUDGET_WINDOW_MS));
  const told = live.toldAt !== undefined && ms(live.toldAt) > input.now.getTime() - BUDGET_WINDOW_MS;
  const toldAt = told ? live.toldAt! : at;
  return {
    ledger: { ...live, toldAt },
    verdict: { kind: 'held', retryAt, spent: live.spent.length, noticeKey: `budget#${input.region}#${toldAt}` },
  };
}

/**
 * A tip's paging is about to start with `keys` as its first pages. Automatic: covered by a
 * recent start of the same sender or text, else paged within the budget, else held. Decided by
 * an operator: paged, and counted. Either way, a start that was not covered is remembered, so
 * that its copies are covered by it (held ones too: they are paged with it).
 */
export function decideStart(
  ledger: RegionLedger,
  input: { region: string; tipId: string; fingerprint: TipFingerprint; keys: readonly string[]; decidedBy?: StaffRef; now: Date; guards: PagingGuards },
): { ledger: RegionLedger; verdict: GuardVerdict } {
  const live = current(ledger, input.now, input.guards);
  if (!input.decidedBy) {
    const by = coveringStart(live, input.tipId, input.fingerprint);
    if (by) return { ledger: live, verdict: { kind: 'covered', by } };
  }
  const spent = spendPages(live, { region: input.region, keys: input.keys, decided: Boolean(input.decidedBy), now: input.now, guards: input.guards });
  if (spent.ledger.recent.some((r) => r.tipId === input.tipId)) return spent;
  const start: RecentStart = {
    tipId: input.tipId,
    at: input.now.toISOString(),
    ...(input.fingerprint.contact ? { contact: input.fingerprint.contact } : {}),
    ...(input.fingerprint.sketch ? { sketch: input.fingerprint.sketch } : {}),
  };
  const recent = [...spent.ledger.recent, start].slice(-MAX_RECENT_STARTS);
  return { ledger: { ...spent.ledger, recent }, verdict: spent.verdict };
}
