// The paging use case with plain in-memory ports that behave as the DynamoDB adapters do (writes
// on a version, a delivery key taken once, a note added once), for the tests of paging that
// follows the case, of responders' SMS, of escalation and of the guards.
import type { AuditEvent } from '../../functions/core/audit';
import type { OpenPage, PagingState, Responder, Roster } from '../../functions/core/paging';
import { handlePagingJob, PagingStateConflict, type DeliveryClaim, type PagingPorts } from '../../functions/core/paging/handle-job';
import type { PagingJob } from '../../functions/core/paging/jobs';
import { tipIdSchema } from '../../functions/core/tip-id';
import { TipVersionConflict, type StoredMessage, type TipRecord } from '../../functions/core/tip-record';
import { responder, roster as baseRoster } from '../unit/oncall-fixtures';
import { memoryPagingLedger } from './memory-paging-ledger';

export const T0 = '2026-11-27T07:00:00.000Z';

export function pagingTip(tipId: string, over: Partial<TipRecord> = {}): TipRecord {
  return {
    tipId: tipIdSchema.parse(tipId),
    status: 'new',
    channel: 'sms',
    lang: 'es',
    level: 'critical',
    score: 90,
    rule: '',
    region: 'Madre de Dios',
    indicators: [{ id: 'minor', evidence: 'de 15', start: 10 }],
    places: [],
    preview: 'mi hija de 15 esta en un bar en mazuko',
    createdAt: T0,
    lastMessageAt: T0,
    messageCount: 1,
    version: 1,
    ...over,
  };
}

export const phoneOf = (id: string): string => `+51900${id}`;

export interface PagingWorldOptions {
  /** Replaces parts of the roster (its responders are the fixtures' and supervisor sup-sara). */
  roster?: Partial<Roster>;
  /** Joins the roster's responders. */
  moreResponders?: Responder[];
  /** Generous unless a test is about the region budget. */
  budgetPerHour?: number;
}

export function pagingWorld(tips: TipRecord[], options: PagingWorldOptions = {}) {
  let clock = new Date(T0);
  const store = new Map(tips.map((t) => [t.tipId as string, structuredClone(t)]));
  const tipWrites: TipRecord[] = [];
  const roster = baseRoster({
    responders: [...baseRoster().responders, responder('sup-sara', { role: 'supervisor' }), ...(options.moreResponders ?? [])],
    ...options.roster,
  });
  const states = new Map<string, { state: PagingState; version: number }>();
  const deliveries = new Map<string, DeliveryClaim & { status: string }>();
  const sms: Array<{ to: string; body: string }> = [];
  const later: Array<{ job: PagingJob; at: Date }> = [];
  const audit: AuditEvent[] = [];
  const notes = new Map<string, StoredMessage>();
  const codes = new Map<string, string[]>();
  const ledger = memoryPagingLedger();
  const ports: PagingPorts = {
    roster: { load: async () => roster },
    tips: {
      getTip: async (id) => structuredClone(store.get(id)),
      updateTip: async (before, after) => {
        if (store.get(before.tipId)?.version !== before.version) throw new TipVersionConflict(before.tipId);
        const written = { ...structuredClone(after), version: before.version + 1 };
        store.set(before.tipId, written);
        tipWrites.push(written);
      },
    },
    states: {
      get: async (id) => structuredClone(states.get(id)),
      create: async (state) => (states.has(state.tipId) ? false : (states.set(state.tipId, { state, version: 1 }), true)),
      update: async (state, expected) => {
        if (states.get(state.tipId)?.version !== expected) throw new PagingStateConflict(state.tipId);
        states.set(state.tipId, { state, version: expected + 1 });
      },
    },
    deliveries: {
      claim: async (key, claim) => {
        if (deliveries.has(key) && deliveries.get(key)!.status !== 'send_failed') return false;
        deliveries.set(key, { ...claim, status: 'claimed' });
        return true;
      },
      sent: async (key) => void (deliveries.get(key)!.status = 'queued'),
      failed: async (key) => void (deliveries.get(key)!.status = 'send_failed'),
      pagesTo: async (responderId): Promise<OpenPage[]> =>
        [...deliveries.values()]
          .filter((d) => d.kind === 'page' && d.responderId === responderId)
          .map((d) => ({ tipId: d.tipId, code: d.code, pagedAt: d.at.toISOString() }))
          .reverse(),
    },
    phones: { phoneOf: async (id) => phoneOf(id) },
    sms: { send: async (to, body) => (sms.push({ to, body }), { sid: `SM${String(sms.length).padStart(32, '0')}` }) },
    audit: { record: async (event) => void audit.push(event), list: async () => audit },
    later: async (job, when) => void later.push({ job, at: when }),
    now: () => clock,
    highAfterMinutes: 15,
    ledger,
    guards: { budgetPerHour: options.budgetPerHour ?? 100, duplicateWindowMinutes: 30 },
    notes: { add: async (note) => (notes.has(note.messageId) ? false : (notes.set(note.messageId, structuredClone(note)), true)) },
    codes: {
      tipsWith: async (code) => codes.get(code) ?? [],
      remember: async (code, tipId) => void codes.set(code, [...new Set([...(codes.get(code) ?? []), tipId])]),
    },
  };
  const run = (job: PagingJob) => handlePagingJob(job, ports);
  return {
    ports,
    states,
    deliveries,
    sms,
    later,
    audit,
    notes,
    ledger,
    /** Every write of a tip, as stored. */
    tipWrites,
    run,
    tip: (id: string) => store.get(id)!,
    setTip: (id: string, change: Partial<TipRecord>) => {
      const tip = store.get(id)!;
      store.set(id, { ...tip, ...change, version: tip.version + 1 });
    },
    state: (id: string) => states.get(id)?.state,
    advance: (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000)),
    /** Pages sent for the tip's code. */
    pagesFor: (tipId: string) => sms.filter((m) => m.body.includes(`ACK ${tipId.slice(0, 4)}`)),
    /** Runs every deadline job queued so far, as the queue would deliver them (in time order). */
    async deliverDeadlines() {
      const due = later.splice(0).sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const { job } of due) await run(job);
    },
    /** Delivers every delayed job now due, as SQS would, once each. */
    async runDue() {
      const due = later.filter((l) => l.at.getTime() <= clock.getTime());
      for (const l of due) later.splice(later.indexOf(l), 1);
      for (const { job } of due) await run(job);
    },
  };
}
