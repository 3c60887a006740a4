// Paging's side of referrals, with the paging use case's in-memory ports: the agency gets its
// SMS once whatever the retries (and only what the operator chose to share, never the tip's words
// or the tipster), and supervisors are reminded of a referral nobody updated once per period,
// audited under every tip of the case and kept on the referral.
import { beforeEach, describe, expect, it } from 'vitest';
import { newReferral } from '../../functions/core/cases/lifecycle';
import { referralBody, type ReferralRecord } from '../../functions/core/cases/model';
import { agencyText, reminderText } from '../../functions/core/cases/referral-text';
import { isGsm7 } from '../../functions/core/paging/gsm7';
import type { TipRecord } from '../../functions/core/tip-record';
import { memoryCases, type MemoryCases } from '../support/memory-cases';
import { pagingTip, pagingWorld, phoneOf, T0 } from '../support/paging-world';
import { OLGA } from '../support/staff';
import { responder } from './oncall-fixtures';

const CONTACT = '+51900000299';
const DAY_MINUTES = 24 * 60;

function referralOf(tips: TipRecord[], summary = 'Menor de 15 años retenida en un bar de La Pampa; llamar al 987 654 321.'): ReferralRecord {
  return newReferral({
    caseId: 'C00000001',
    referralId: 'R00000001',
    tips,
    agency: { agencyId: 'fistrap-mdd', name: 'Fiscalía FISTRAP Madre de Dios', kind: 'prosecutor', region: 'Madre de Dios', active: true },
    agencyId: 'fistrap-mdd',
    rules: [],
    body: referralBody.parse({ agencyId: 'fistrap-mdd', summary, share: { level: true, indicators: true, places: true } }),
    actor: OLGA,
    now: new Date(T0),
  }).referral;
}

let world: ReturnType<typeof pagingWorld>;
let cases: MemoryCases;
let contact: string | undefined;
let failNextSend = false;

beforeEach(() => {
  const tips = [
    pagingTip('AAAAAAAA', {
      indicators: [
        { id: 'minor', evidence: 'de 15', start: 0 },
        { id: 'official_complicity', evidence: 'el policía cobra', start: 10 },
      ],
      places: [{ text: 'la pampa', place: 'La Pampa', region: 'Madre de Dios' }],
    }),
    pagingTip('BBBBBBBB'),
  ];
  world = pagingWorld(tips, {
    moreResponders: [responder('sup-tomas', { role: 'supervisor', lang: 'en' }), responder('sup-ida', { role: 'supervisor', active: false })],
  });
  cases = memoryCases();
  cases.cases.set('C00000001', { caseId: 'C00000001', tipIds: ['AAAAAAAA', 'BBBBBBBB'], createdAt: T0, createdBy: OLGA, version: 2 });
  void cases.putReferral(referralOf(tips));
  contact = CONTACT;
  failNextSend = false;
  const send = world.ports.sms.send;
  world.ports.sms = {
    send: async (to, body) => {
      if (failNextSend) {
        failNextSend = false;
        throw new Error('Twilio is down');
      }
      return send(to, body);
    },
  };
  world.ports.referrals = { cases, contacts: { contactOf: async () => contact }, reminderDays: 7 };
});

const referral = () => cases.referrals.get('C00000001#R00000001')!;
const toAgency = () => world.sms.filter((m) => m.to === CONTACT);

describe('ReferralSend', () => {
  it('sends the agency its SMS once, whatever the retries, and keeps that it went', async () => {
    await world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' });
    await world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' });
    await world.run({ type: 'ReferralSweep' });

    expect(toAgency()).toHaveLength(1);
    expect(referral().delivery).toEqual({ state: 'sent', at: T0 });
    expect(world.deliveries.get('referral#R00000001')).toMatchObject({ kind: 'referral', tipId: 'C00000001', responderId: 'fistrap-mdd', status: 'queued' });
  });

  it('says the case code and what was chosen, in GSM-7 Spanish, never the complicity, a number or the tip’s words', async () => {
    await world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' });

    const [sms] = toAgency();
    expect(sms?.body).toBe(
      'tipline: derivacion del caso C-00000001 a Fiscalia FISTRAP Madre de Dios. Nivel: CRITICO. Indicios: menor. Lugares: La Pampa. ' +
        'Resumen: Menor de 15 años retenida en un bar de La Pampa; llamar al (PHONE). Al coordinar con tipline, cite C-00000001.',
    );
    expect(isGsm7(sms!.body)).toBe(true);
    expect(sms?.body).not.toMatch(/987|complicidad|policía|mi hija/);
  });

  it('keeps no_contact when the agency has no contact on file, and sends nothing', async () => {
    contact = undefined;
    await world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' });
    expect(toAgency()).toEqual([]);
    expect(referral().delivery).toEqual({ state: 'no_contact', at: T0 });
  });

  it('keeps a failed send as failed and fails the job, which sends it when retried', async () => {
    failNextSend = true;
    await expect(world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' })).rejects.toThrow('Twilio is down');
    expect(referral().delivery?.state).toBe('failed');

    await world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' });
    expect(toAgency()).toHaveLength(1);
    expect(referral().delivery?.state).toBe('sent');
  });

  it('sends through the sweep a referral whose job was lost', async () => {
    await world.run({ type: 'ReferralSweep' });
    expect(toAgency()).toHaveLength(1);
  });
});

describe('ReferralSweep', () => {
  const remindersTo = (id: string) => world.sms.filter((m) => m.to === phoneOf(id) && m.body.includes('C-00000001'));

  beforeEach(async () => {
    await world.run({ type: 'ReferralSend', caseId: 'C00000001', referralId: 'R00000001' });
  });

  it('reminds nobody before the referral is overdue', async () => {
    world.advance(7 * DAY_MINUTES - 1);
    await world.run({ type: 'ReferralSweep' });
    expect(remindersTo('sup-sara')).toEqual([]);
    expect(referral().reminders).toEqual([]);
  });

  it('reminds each active supervisor once per period in their language, audited under every tip and kept on the referral', async () => {
    world.advance(7 * DAY_MINUTES);
    await world.run({ type: 'ReferralSweep' });
    await world.run({ type: 'ReferralSweep' });
    world.advance(6 * DAY_MINUTES);
    await world.run({ type: 'ReferralSweep' });

    expect(remindersTo('sup-sara').map((m) => m.body)).toEqual([
      'tipline aviso: la derivacion C-00000001 a Fiscalia FISTRAP Madre de Dios lleva 7 dias sin novedades (estado: enviada). Pida noticias a la entidad y registrelas.',
    ]);
    expect(remindersTo('sup-tomas').map((m) => m.body)).toEqual([
      'tipline notice: referral C-00000001 to Fiscalia FISTRAP Madre de Dios has had no update for 7 days (status: sent). Ask the agency for news and record it.',
    ]);
    expect(remindersTo('sup-ida')).toEqual([]);
    expect(remindersTo('pol-ana')).toEqual([]);
    const audited = world.audit.filter((e) => e.action === 'referral_reminder');
    expect(audited.map((e) => e.tipId)).toEqual(['AAAAAAAA', 'BBBBBBBB']);
    expect(audited[0]).toMatchObject({
      actor: { id: 'tipline-paging' },
      details: { caseId: 'C00000001', referralId: 'R00000001', agencyId: 'fistrap-mdd', status: 'sent', overdueDays: '7', supervisors: '2' },
    });
    expect(referral().reminders).toEqual([{ at: new Date(Date.parse(T0) + 7 * DAY_MINUTES * 60_000).toISOString() }]);

    world.advance(DAY_MINUTES);
    await world.run({ type: 'ReferralSweep' });
    expect(remindersTo('sup-sara')).toHaveLength(2);
    expect(remindersTo('sup-sara')[1]?.body).toContain('lleva 14 dias');
    expect(referral().reminders).toHaveLength(2);
  });

  it('does not remind of a closed referral', async () => {
    const closed = { ...referral(), status: 'closed' as const };
    await cases.updateReferral(referral(), closed);
    world.advance(30 * DAY_MINUTES);
    await world.run({ type: 'ReferralSweep' });
    expect(remindersTo('sup-sara')).toEqual([]);
  });

  it('sends no reminder twice when it is retried after the SMS went and before the referral kept it', async () => {
    world.advance(7 * DAY_MINUTES);
    const update = cases.updateReferral;
    cases.updateReferral = async () => {
      throw new Error('DynamoDB is down');
    };
    await expect(world.run({ type: 'ReferralSweep' })).rejects.toThrow(/could not be swept/);
    cases.updateReferral = update;
    await world.run({ type: 'ReferralSweep' });
    expect(remindersTo('sup-sara')).toHaveLength(1);
    expect(referral().reminders).toHaveLength(1);
  });
});

describe('the texts', () => {
  it('fit GSM-7 whatever the agency name and summary carry', () => {
    const text = agencyText({ caseId: 'C00000001', agencyName: 'Centro “Señor de Qoyllurit’i”', shared: {}, summary: 'Niña — 15 años… {urgente} €' });
    expect(isGsm7(text)).toBe(true);
    expect(text).not.toContain('Nivel');
    expect(isGsm7(reminderText({ caseId: 'C00000001', agencyName: 'DEMUNA Puerto Maldonado', status: 'acting' }, 9, 'qu'))).toBe(true);
  });
});
