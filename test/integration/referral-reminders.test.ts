// Reminders of referrals nobody updated, driven by the local stack's clock: on a stack of this
// file's own (moving the shared stack's clock by days would move every other file's weekly
// rotations), with TIPLINE_REFERRAL_REMINDER_DAYS=2. Each move of the clock sweeps: supervisors
// get one SMS per overdue referral per two-day period, in their language, audited under every tip
// of the case and kept on the referral; an update starts the wait again; a closed referral is
// never reminded of; and a stack that starts with a referral overdue reminds at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import { readLocalConfig } from '../../local/config';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { ownPorts } from '../support/own-ports';
import { queueDrained, sqs } from '../support/local-aws';
import { call, postWebTip, queuedTip } from '../support/operator';
import { waitFor } from '../support/wait';

const REMINDER_DAYS = 2;
const DAY_MINUTES = 24 * 60;
const SARA_PHONE = '+51900000106';
const TOMAS_PHONE = '+51900000107';
const FISTRAP_PHONE = '+51900000202';

let dataDir = '';
let stack: LocalStack;
let tokens: { operator: string; supervisor: string };
const previousDays = process.env[ENV.referralReminderDays];

async function start(): Promise<void> {
  const config = readLocalConfig({
    ...(await ownPorts()),
    TIPLINE_DATA_DIR: dataDir,
  });
  stack = await startLocalStack(config);
  tokens = { operator: stack.identity.idToken('operator'), supervisor: stack.identity.idToken('supervisor') };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tipline-reminders-'));
  // The stack hands its functions the deployment settings of this process (local/stack.ts).
  process.env[ENV.referralReminderDays] = String(REMINDER_DAYS);
  await start();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (previousDays === undefined) delete process.env[ENV.referralReminderDays];
  else process.env[ENV.referralReminderDays] = previousDays;
  rmSync(dataDir, { recursive: true, force: true });
});

interface Referral {
  caseId: string;
  referralId: string;
  status: string;
  reminders: Array<{ at: string }>;
}

const post = (token: string, path: string, body?: unknown) => call(stack, token, 'POST', path, body);
async function moveClock(minutes: number): Promise<void> {
  const res = await fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${minutes}`, { method: 'POST' });
  expect(res.status).toBe(200);
}
/** Waits until the sweep a move of the clock queued has been handled. */
async function swept(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  await queueDrained(sqs(stack.sqsEndpoint), ['paging']);
}
const remindersTo = (phone: string, caseId: string) => stack.twilio.sent().filter((m) => m.to === phone && m.body.includes(`C-${caseId.slice(1)}`));
const overdue = async (token = tokens.supervisor) => {
  const res = await call(stack, token, 'GET', '/api/referrals/overdue');
  return { status: res.status, body: (await res.json()) as { days: number; referrals: Array<Referral & { overdueDays: number }> } };
};
const referralsOf = async (caseId: string) =>
  ((await (await call(stack, tokens.operator, 'GET', `/api/cases/${caseId}`)).json()) as { referrals: Referral[] }).referrals;

async function webTip(text: string): Promise<string> {
  expect((await postWebTip(stack, { text })).status).toBe(202);
  return (await queuedTip({ httpUrl: stack.httpUrl, operatorToken: tokens.operator }, (t) => t.preview.startsWith(text.slice(0, 20)))).tipId;
}

describe('reminders of a referral nobody updated', () => {
  let tipIds: string[] = [];
  let caseId = '';
  let referral: Referral;

  beforeAll(async () => {
    tipIds = [
      await webTip('recordatorio uno: mi prima trabaja en un bar y no le pagan hace meses'),
      await webTip('recordatorio dos: lo mismo, en el bar del mercado'),
    ];
    caseId = ((await (await post(tokens.operator, `/api/tips/${tipIds[1]}/link`, { to: tipIds[0] })).json()) as { caseId: string }).caseId;
    const made = await post(tokens.operator, `/api/cases/${caseId}/referrals`, {
      agencyId: 'fistrap-mdd',
      summary: 'Trabajo sin pago en un bar del mercado.',
      share: { level: true, indicators: true, places: false },
    });
    expect(made.status, await made.clone().text()).toBe(201);
    referral = (await made.json()) as Referral;
    await waitFor(() => stack.twilio.sent().some((m) => m.to === FISTRAP_PHONE && m.body.includes(`C-${caseId.slice(1)}`)), { what: "the agency's SMS" });
  }, 60_000);

  it('lists nothing overdue before the days have passed, and only to supervisors', async () => {
    expect(await overdue()).toEqual({ status: 200, body: { days: REMINDER_DAYS, referrals: [] } });
    expect((await overdue(tokens.operator)).status).toBe(403);
  });

  it('reminds every supervisor once when the clock passes the days, in their language, and lists it as overdue', async () => {
    await moveClock(REMINDER_DAYS * DAY_MINUTES + 1);

    await waitFor(() => remindersTo(SARA_PHONE, caseId).length === 1 && remindersTo(TOMAS_PHONE, caseId).length === 1, {
      what: 'a reminder to each supervisor',
    });
    expect(remindersTo(SARA_PHONE, caseId)[0]?.body).toMatch(/^tipline aviso: la derivacion C-\w+ a Fiscal.* lleva 2 dias sin novedades \(estado: enviada\)/);
    expect(remindersTo(TOMAS_PHONE, caseId)[0]?.body).toMatch(/^tipline notice: referral C-\w+ to Fiscal.* has had no update for 2 days \(status: sent\)/);
    const { body } = await overdue();
    expect(body.referrals.map((r) => [r.referralId, r.overdueDays])).toEqual([[referral.referralId, 2]]);
    await waitFor(async () => (await referralsOf(caseId))[0]?.reminders.length === 1, { what: 'the reminder kept on the referral' });
    for (const tipId of tipIds) {
      const audit = (
        (await (await call(stack, tokens.supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as {
          events: Array<{ action: string; actor: { id: string }; details: Record<string, string> }>;
        }
      ).events.filter((e) => e.action === 'referral_reminder');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: { id: 'tipline-paging' },
        details: { caseId, referralId: referral.referralId, overdueDays: '2', supervisors: '2' },
      });
    }
  });

  it('does not remind again within the same period, and does in the next', async () => {
    await moveClock(DAY_MINUTES);
    await swept();
    expect(remindersTo(SARA_PHONE, caseId)).toHaveLength(1);

    await moveClock(DAY_MINUTES);
    await waitFor(() => remindersTo(SARA_PHONE, caseId).length === 2 && remindersTo(TOMAS_PHONE, caseId).length === 2, {
      what: 'the second period’s reminder to each supervisor',
    });
    expect(remindersTo(SARA_PHONE, caseId)[1]?.body).toContain('lleva 4 dias');
  });

  it('starts the wait again when the referral is updated', async () => {
    expect((await post(tokens.operator, `/api/cases/${caseId}/referrals/${referral.referralId}/status`, { status: 'received' })).status).toBe(200);
    expect((await overdue()).body.referrals).toEqual([]);

    await moveClock(DAY_MINUTES);
    await swept();
    expect(remindersTo(SARA_PHONE, caseId)).toHaveLength(2);

    await moveClock(DAY_MINUTES + 1);
    await waitFor(() => remindersTo(SARA_PHONE, caseId).length === 3, { what: 'a reminder two days after the update' });
    expect(remindersTo(SARA_PHONE, caseId)[2]?.body).toContain('(estado: recibida)');
  });

  it('never reminds of a closed referral', async () => {
    const path = `/api/cases/${caseId}/referrals/${referral.referralId}`;
    expect(
      (await post(tokens.operator, `${path}/outcome`, { rescuedAdults: 1, rescuedMinors: 0, arrests: 0, chargesFiled: false, conviction: false })).status,
    ).toBe(200);
    expect((await post(tokens.operator, `${path}/status`, { status: 'closed' })).status).toBe(200);

    await moveClock(3 * DAY_MINUTES);
    await swept();
    expect(remindersTo(SARA_PHONE, caseId)).toHaveLength(3);
    expect((await overdue()).body.referrals).toEqual([]);
  });

  it('sweeps as the stack starts: a referral that fell overdue while it was stopped is reminded of at once', async () => {
    const made = await post(tokens.operator, `/api/cases/${caseId}/referrals`, {
      agencyId: 'car-mdd',
      summary: 'Posible acogida para la trabajadora.',
      share: { level: false, indicators: false, places: false },
    });
    expect(made.status).toBe(201);
    const shelter = (await made.json()) as Referral;
    await stack.stop();
    // Three days pass while the stack is down: the clock's offset is kept in the data folder.
    writeFileSync(join(dataDir, 'clock.json'), JSON.stringify({ offsetMs: stack.clock.offsetMs() + 3 * DAY_MINUTES * 60_000 }));

    await start();

    await waitFor(async () => (await referralsOf(caseId)).find((r) => r.referralId === shelter.referralId)?.reminders.length === 1, {
      what: 'the reminder of the shelter referral after the restart',
      timeoutMs: 30_000,
    });
    expect(stack.twilio.sent().filter((m) => m.to === SARA_PHONE && m.body.includes('Centro de Acogida'))).toHaveLength(1);
  }, 120_000);
});
