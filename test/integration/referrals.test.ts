// Referring a case to an agency on the real local stack: the directory (never a contact), the
// local-authority refusal for a case that implicates officials and a supervisor's override, the
// agency's SMS in the local outbox (once, with what the operator chose and nothing of the tips or
// the tipster), the lifecycle sent -> received -> acting -> closed with the agency's reference,
// the outcome and its no-action rule, all audited under every tip of the case.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueueItem } from '../../functions/core/operator-views';
import { twilioOutbox } from '../support/local-twilio';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;
const SARA = 'Sara Supervisora (demo)';
/** The demo directory's contacts (local/demo-roster.json). */
const FISTRAP_CONTACT = '+51900000202';
const COMISARIA_CONTACT = '+51900000201';

const marker = (name: string) => `zz${name}${[...randomBytes(6)].map((byte) => 'abcdefghjkmnpqrtuvwxy'[byte % 21]).join('')}`;
let sender = 51966660000 + Math.floor(Math.random() * 9000);
async function smsTip(body: string): Promise<QueueItem> {
  expect((await postSignedSms(stack, twilioWebhook({ From: `+${sender++}`, Body: body }))).status).toBe(200);
  return queuedTip(stack, (t) => t.preview.startsWith(body.slice(0, 24)), { what: `the tip "${body.slice(0, 24)}"` });
}

interface Referral {
  referralId: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  status: string;
  agencyReference?: string;
  summary: string;
  share: Record<string, boolean>;
  history: Array<{ status: string; by: { name: string }; agencyReference?: string; note?: string }>;
  outcome?: Record<string, unknown>;
  reminders: unknown[];
  delivery?: { state: string; at: string };
}
interface ErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
}

const post = (token: string, path: string, body?: unknown) => call(stack, token, 'POST', path, body);
const share = { level: true, indicators: true, places: true };
async function caseOf(...tips: QueueItem[]): Promise<string> {
  const [first, ...rest] = tips;
  let caseId = '';
  for (const tip of rest) caseId = ((await (await post(operator, `/api/tips/${tip.tipId}/link`, { to: first!.tipId })).json()) as { caseId: string }).caseId;
  return caseId;
}
const refer = (caseId: string, body: Record<string, unknown>, token = operator) => post(token, `/api/cases/${caseId}/referrals`, body);
const referralPath = (r: Pick<Referral, 'caseId' | 'referralId'>, action: 'status' | 'outcome') => `/api/cases/${r.caseId}/referrals/${r.referralId}/${action}`;
const auditOf = async (tipId: string) =>
  (
    (await (await call(stack, supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as {
      events: Array<{ action: string; actor: { name: string }; details: Record<string, string> }>;
    }
  ).events;
const referralsOf = async (caseId: string) =>
  ((await (await call(stack, operator, 'GET', `/api/cases/${caseId}`)).json()) as { referrals: Referral[] }).referrals;

describe('the agency directory', () => {
  it('lists every agency with whether it is a local authority of its region, and never a contact', async () => {
    const res = await call(stack, operator, 'GET', '/api/agencies');
    expect(res.status).toBe(200);
    const { agencies } = (await res.json()) as { agencies: Array<Record<string, unknown>> };
    expect(agencies.find((a) => a.agencyId === 'comisaria-pm')).toMatchObject({
      kind: 'local_police',
      region: 'Madre de Dios',
      active: true,
      localAuthority: true,
    });
    expect(agencies.find((a) => a.agencyId === 'fistrap-mdd')).toMatchObject({ kind: 'prosecutor', localAuthority: false });
    expect(agencies.find((a) => a.agencyId === 'comisaria-cusco')).toMatchObject({ region: 'Cusco', localAuthority: true });
    for (const agency of agencies) expect(Object.keys(agency).sort()).toEqual(['active', 'agencyId', 'kind', 'localAuthority', 'name', 'region']);
    expect(JSON.stringify(agencies)).not.toContain('+519');
    expect((await call(stack, operator, 'GET', '/api/agencies?region=Cusco')).status).toBe(400);
  });
});

describe('a case that implicates officials', () => {
  const word = marker('deriva');
  let tips: QueueItem[];
  let caseId = '';

  beforeAll(async () => {
    tips = [
      await smsTip(`${word} hay chicas menores en el prostibar del km 108 de Mazuko y el comisario es cliente del dueño.`),
      await smsTip(`${word} confirmo lo del km 108, una de ellas es mi sobrina de 16.`),
    ];
    caseId = await caseOf(...tips);
  });

  // Closed, so that files moving the shared clock later get no reminder of it.
  afterAll(async () => {
    for (const referral of await referralsOf(caseId)) {
      await post(supervisor, referralPath(referral, 'outcome'), {
        rescuedAdults: 0,
        rescuedMinors: 0,
        arrests: 0,
        chargesFiled: false,
        conviction: false,
        noActionReason: 'prueba',
      });
      await post(supervisor, referralPath(referral, 'status'), { status: 'closed' });
    }
  });

  it('is not referred to the local police: 409 local_authority_implicated, telling an operator to ask a supervisor', async () => {
    const refused = await refer(caseId, { agencyId: 'comisaria-pm', summary: 'Menores en el km 108.', share });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error).toBe('local_authority_implicated');
    expect(body.message).toMatch(/local officials may be involved.*ask a supervisor to override/);

    const override = { reason: 'La fiscal pidió que la comisaría acompañe el operativo' };
    expect((await refer(caseId, { agencyId: 'comisaria-pm', summary: 'Menores en el km 108.', share, override })).status).toBe(403);
    expect(await referralsOf(caseId)).toEqual([]);
  });

  it("is referred there on a supervisor's override with a reason, audited with it", async () => {
    const override = { reason: 'La fiscal pidió que la comisaría acompañe el operativo' };
    const res = await refer(caseId, { agencyId: 'comisaria-pm', summary: 'Acompañar a la fiscalía al km 108.', share, override }, supervisor);

    expect(res.status, await res.clone().text()).toBe(201);
    const referral = (await res.json()) as Referral;
    expect(referral).toMatchObject({ agencyId: 'comisaria-pm', agencyKind: 'local_police', status: 'sent', createdBy: { name: SARA } });
    expect(referral).not.toHaveProperty('override');
    for (const tip of tips) {
      const sent = (await auditOf(tip.tipId)).filter((e) => e.action === 'referral_sent' && e.details.agencyId === 'comisaria-pm');
      expect(sent).toHaveLength(1);
      expect(sent[0]?.details).toMatchObject({ caseId, referralId: referral.referralId, override: 'local_authority_implicated', reason: override.reason });
      expect(sent[0]?.actor.name).toBe(SARA);
    }
    await waitFor(async () => (await twilioOutbox(stack.twilioApiUrl)).some((m) => m.to === COMISARIA_CONTACT && m.body.includes(`C-${caseId.slice(1)}`)), {
      what: "the comisaría's SMS",
    });
  });
});

describe('a referral to the prosecutor', () => {
  const word = marker('fiscal');
  let tips: QueueItem[];
  let caseId = '';
  let referral: Referral;

  beforeAll(async () => {
    tips = [
      await smsTip(`${word} en un bar de La Pampa trabaja una menor de 15 años, no la dejan salir, mi número es 987 654 321.`),
      await smsTip(`${word} la chica del bar de La Pampa sigue ahí, la vi hoy.`),
    ];
    caseId = await caseOf(...tips);
  });

  it('is made with a redacted summary and what the operator chose to share', async () => {
    const summary = `${word} Menor de 15 años retenida en un bar de La Pampa. Contacto de la denunciante: 987 654 321.`;
    const res = await refer(caseId, { agencyId: 'fistrap-mdd', summary, share: { level: true, indicators: false, places: true } });

    expect(res.status, await res.clone().text()).toBe(201);
    referral = (await res.json()) as Referral;
    expect(referral).toMatchObject({
      caseId,
      agencyId: 'fistrap-mdd',
      agencyKind: 'prosecutor',
      status: 'sent',
      share: { level: true, indicators: false, places: true },
      reminders: [],
      history: [{ status: 'sent', by: { name: 'Olga Operadora (demo)' } }],
    });
    expect(referral.referralId).toMatch(/^R[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(referral.summary).toBe(`${word} Menor de 15 años retenida en un bar de La Pampa. Contacto de la denunciante: [PHONE].`);
    for (const tip of tips)
      expect((await auditOf(tip.tipId)).filter((e) => e.action === 'referral_sent').map((e) => e.details.referralId)).toEqual([referral.referralId]);
  });

  it("sends the agency one SMS: the case code, the level and places, the summary; no number, no tip's words", async () => {
    const sms = await waitFor(
      async () => {
        const found = (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === FISTRAP_CONTACT && m.body.includes(word));
        return found.length > 0 && found;
      },
      { what: "the prosecutor's SMS in the outbox" },
    );

    expect(sms).toHaveLength(1);
    const body = sms[0]!.body;
    expect(body).toMatch(new RegExp(`^tipline: derivacion del caso C-${caseId.slice(1)} a Fiscalia Especializada`));
    expect(body).toContain('Nivel: CRITICO.');
    expect(body).toContain('Lugares: La Pampa.');
    expect(body).not.toContain('Indicios');
    expect(body).toContain(`Resumen: ${word} Menor de 15 años retenida en un bar de La Pampa. Contacto de la denunciante: (PHONE).`);
    expect(body).not.toMatch(/987|no la dejan salir|sigue ahí/);
    await waitFor(async () => (await referralsOf(caseId))[0]?.delivery?.state === 'sent', { what: 'the delivery kept on the referral' });
  });

  it('moves forward with the agency reference and notes, each step in its history and audited under every tip', async () => {
    const received = await post(operator, referralPath(referral, 'status'), { status: 'received', agencyReference: 'Carpeta fiscal 123-2026' });
    expect(received.status, await received.clone().text()).toBe(200);
    expect(await received.json()).toMatchObject({ status: 'received', agencyReference: 'Carpeta fiscal 123-2026' });

    const acting = await post(supervisor, referralPath(referral, 'status'), { status: 'acting', note: 'Operativo previsto para el jueves' });
    expect(acting.status).toBe(200);
    const moved = (await acting.json()) as Referral;
    expect(moved).toMatchObject({ status: 'acting', agencyReference: 'Carpeta fiscal 123-2026' });
    expect(moved.history.map((step) => step.status)).toEqual(['sent', 'received', 'acting']);
    expect(moved.history[2]).toMatchObject({ note: 'Operativo previsto para el jueves', by: { name: SARA } });

    const backwards = await post(operator, referralPath(referral, 'status'), { status: 'received' });
    expect(backwards.status).toBe(409);
    expect(((await backwards.json()) as ErrorBody).error).toBe('referral_backwards');

    for (const tip of tips) {
      const steps = (await auditOf(tip.tipId)).filter((e) => e.action === 'referral_status');
      expect(steps.map((e) => [e.details.from, e.details.to])).toEqual([
        ['sent', 'received'],
        ['received', 'acting'],
      ]);
      expect(steps[0]?.details.agencyReference).toBe('Carpeta fiscal 123-2026');
      // A note's words stay on the referral, not in the trail.
      expect(JSON.stringify(steps)).not.toContain('jueves');
    }
  });

  it('closes only with an outcome, and an outcome of nothing needs its reason', async () => {
    const early = await post(operator, referralPath(referral, 'status'), { status: 'closed' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as ErrorBody).error).toBe('outcome_required');

    const nothing = { rescuedAdults: 0, rescuedMinors: 0, arrests: 0, chargesFiled: false, conviction: false };
    const noReason = await post(operator, referralPath(referral, 'outcome'), nothing);
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as ErrorBody).fields).toHaveProperty('noActionReason');

    const outcome = await post(operator, referralPath(referral, 'outcome'), {
      rescuedAdults: 0,
      rescuedMinors: 1,
      arrests: 2,
      chargesFiled: true,
      conviction: false,
    });
    expect(outcome.status).toBe(200);
    expect(((await outcome.json()) as Referral).outcome).toMatchObject({ rescuedMinors: 1, arrests: 2, chargesFiled: true, conviction: false });

    const closed = await post(operator, referralPath(referral, 'status'), { status: 'closed', note: 'La menor está en un CAR' });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as Referral).status).toBe('closed');
    const update = await post(operator, referralPath(referral, 'status'), { status: 'closed', agencyReference: 'Carpeta fiscal 123-2026-B' });
    expect(update.status).toBe(200);
    expect(((await update.json()) as Referral).agencyReference).toBe('Carpeta fiscal 123-2026-B');

    for (const tip of tips) {
      const recorded = (await auditOf(tip.tipId)).filter((e) => e.action === 'referral_outcome');
      expect(recorded.map((e) => e.details)).toEqual([
        {
          caseId,
          referralId: referral.referralId,
          agencyId: 'fistrap-mdd',
          rescuedAdults: '0',
          rescuedMinors: '1',
          arrests: '2',
          chargesFiled: 'true',
          conviction: 'false',
        },
      ]);
    }
  });

  it('shows every step and the outcome in the case timeline', async () => {
    const view = (await (await call(stack, operator, 'GET', `/api/cases/${caseId}`)).json()) as {
      timeline: Array<{ kind: string; status?: string; referralId?: string; agencyName?: string; text?: string }>;
    };
    const entries = view.timeline.filter((e) => e.kind === 'referral' && e.referralId === referral.referralId);
    expect(entries.map((e) => e.status ?? 'outcome')).toEqual(['sent', 'received', 'acting', 'outcome', 'closed', 'closed']);
    expect(entries[0]?.agencyName).toMatch(/^Fiscalía Especializada/);
  });

  it('refuses an unknown agency (404), an inactive one (agency_inactive) and a bad body, saying what to send', async () => {
    const unknown = await refer(caseId, { agencyId: 'no-existe', summary: 'x', share });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).message).toMatch(/GET \/api\/agencies/);

    const inactive = { name: 'ONG cerrada (test)', kind: 'ngo', region: 'Madre de Dios', active: false };
    expect((await call(stack, supervisor, 'PUT', '/api/roster/agencies/it-ong-cerrada', inactive)).status).toBe(200);
    const refused = await refer(caseId, { agencyId: 'it-ong-cerrada', summary: 'x', share });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error).toBe('agency_inactive');

    const bad = await refer(caseId, { agencyId: 'fistrap-mdd', summary: '', share: { level: true } });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as ErrorBody).fields ?? {})).toEqual(expect.arrayContaining(['summary']));
    expect((await refer('C00000000', { agencyId: 'fistrap-mdd', summary: 'x', share })).status).toBe(404);
    expect((await post(operator, `/api/cases/${caseId}/referrals/R00000000/status`, { status: 'received' })).status).toBe(404);
  });
});
