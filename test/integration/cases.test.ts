// Linking tips into a case on the real local stack: a new case holding both tips, a third tip
// joining it, a tip in another case refused; the case whole (its tips, whether it implicates
// officials, and a timeline holding every tip's messages, notes, pages and acknowledgement); the
// link audited under every tip of the case, and reading the case audited as a read of each tip.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueueItem, TipDetail } from '../../functions/core/operator-views';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { operator, operator2, supervisor } = stack.tokens as Record<'operator' | 'operator2' | 'supervisor', string>;
const OLGA = 'Olga Operadora (demo)';

/** A word no other file's tip says: letters only, so that redaction leaves it. */
const marker = (name: string) => `zz${name}${[...randomBytes(6)].map((byte) => 'abcdefghjkmnpqrtuvwxy'[byte % 21]).join('')}`;
let sender = 51966770000 + Math.floor(Math.random() * 9000);
async function smsTip(body: string): Promise<QueueItem> {
  expect((await postSignedSms(stack, twilioWebhook({ From: `+${sender++}`, Body: body }))).status).toBe(200);
  return queuedTip(stack, (t) => t.preview.startsWith(body.slice(0, 24)), { what: `the tip "${body.slice(0, 24)}"` });
}

interface CaseView {
  caseId: string;
  code: string;
  tipIds: string[];
  createdBy: { id: string; name: string };
  implicatesOfficials: boolean;
  tips: QueueItem[];
  timeline: Array<{ at: string; kind: string; tipId: string; text?: string; by?: { name: string }; responderName?: string }>;
  referrals: unknown[];
}
interface AuditEvent {
  action: string;
  actor: { name: string };
  details: Record<string, string>;
}

const post = (token: string, path: string, body?: unknown) => call(stack, token, 'POST', path, body);
const link = (tipId: string, to: string, token = operator) => post(token, `/api/tips/${tipId}/link`, { to });
const getCase = async (caseId: string) => {
  const res = await call(stack, operator, 'GET', `/api/cases/${caseId}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as CaseView;
};
const detail = async (tipId: string) => (await (await call(stack, operator, 'GET', `/api/tips/${tipId}`)).json()) as TipDetail;
const auditOf = async (tipId: string) => ((await (await call(stack, supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as { events: AuditEvent[] }).events;

describe('a case of linked tips', () => {
  const word = marker('caso');
  let first: QueueItem;
  let second: QueueItem;
  let third: QueueItem;
  let caseId = '';

  beforeAll(async () => {
    // Critical, and saying the police take money from the bar: paged at once, around the comisaría.
    first = await smsTip(
      `${word} en el bar La Cabaña de La Pampa tienen a una menor de 15 años encerrada, y los policías de la comisaría cobran cupo al dueño.`,
    );
    second = await smsTip(`${word} la misma chica, la vi ayer en la puerta del bar, estaba llorando.`);
    third = await smsTip(`${word} mi vecina dice que al bar llegan chicas nuevas cada semana.`);
  });

  it('starts with a link: a new case holds both tips, the other one first, and each tip names it', async () => {
    const res = await link(second.tipId, first.tipId);

    expect(res.status, await res.clone().text()).toBe(200);
    const linked = (await res.json()) as { caseId: string; tipIds: string[] };
    expect(linked.caseId).toMatch(/^C[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(linked.tipIds).toEqual([first.tipId, second.tipId]);
    caseId = linked.caseId;
    expect((await detail(first.tipId)).caseId).toBe(caseId);
    expect((await detail(second.tipId)).caseId).toBe(caseId);
  });

  it('takes a third tip into the same case, through any of its tips; linking again answers the case and changes nothing', async () => {
    const joined = await link(third.tipId, second.tipId, operator2);
    expect(joined.status).toBe(200);
    expect(await joined.json()).toEqual({ caseId, tipIds: [first.tipId, second.tipId, third.tipId] });

    const again = await link(first.tipId, third.tipId);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { tipIds: string[] }).tipIds).toHaveLength(3);
    expect((await auditOf(first.tipId)).filter((e) => e.action === 'case_linked')).toHaveLength(2);
  });

  it('audits each link under every tip of the case', async () => {
    for (const tip of [first, second]) {
      const linked = (await auditOf(tip.tipId)).filter((e) => e.action === 'case_linked');
      expect(linked.map((e) => e.details)).toEqual([
        { caseId, tipId: second.tipId, to: first.tipId, created: 'true', tips: '2' },
        { caseId, tipId: third.tipId, to: second.tipId, created: 'false', tips: '3' },
      ]);
      expect(linked.map((e) => e.actor.name)).toEqual([OLGA, 'Omar Operador (demo)']);
    }
    expect((await auditOf(third.tipId)).filter((e) => e.action === 'case_linked').map((e) => e.details.tipId)).toEqual([third.tipId]);
  });

  it('shows the case whole: its tips, that it implicates officials, and a timeline of messages, notes and pages', async () => {
    expect((await post(operator, `/api/tips/${second.tipId}/notes`, { text: `${word} nota: pedir foto del local` })).status).toBe(201);
    // The critical tip is paged as it arrives; its page joins the timeline.
    await waitFor(async () => (await getCase(caseId)).timeline.some((e) => e.kind === 'page'), {
      what: 'the first tip’s page in the case timeline',
      timeoutMs: 30_000,
    });

    const view = await getCase(caseId);

    expect(view).toMatchObject({
      caseId,
      code: `C-${caseId.slice(1)}`,
      tipIds: [first.tipId, second.tipId, third.tipId],
      createdBy: { name: OLGA },
      implicatesOfficials: true,
    });
    expect(view.tips.map((t) => t.tipId)).toEqual([first.tipId, second.tipId, third.tipId]);
    expect(view.referrals).toEqual([]);
    const kinds = (tipId: string) => view.timeline.filter((e) => e.tipId === tipId).map((e) => e.kind);
    expect(kinds(first.tipId)).toEqual(expect.arrayContaining(['message', 'page']));
    expect(kinds(second.tipId)).toEqual(['message', 'note']);
    expect(kinds(third.tipId)).toEqual(['message']);
    expect(view.timeline.find((e) => e.kind === 'note')).toMatchObject({ text: `${word} nota: pedir foto del local`, by: { name: OLGA } });
    expect(view.timeline.find((e) => e.kind === 'page')?.responderName).toEqual(expect.any(String));
    const times = view.timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort());
  });

  it("shows an acknowledgement taken by phone, by the responder's name and the operator who recorded it", async () => {
    const paged = await waitFor(
      async () => {
        const pages = (await (await call(stack, operator, 'GET', `/api/tips/${first.tipId}/pages`)).json()) as { pages: Array<{ responder: { id: string } }> };
        return pages.pages[0]?.responder.id;
      },
      { what: 'a responder paged for the first tip', timeoutMs: 30_000 },
    );
    expect((await post(operator, `/api/tips/${first.tipId}/paging/ack`, { responderId: paged })).status).toBe(202);

    const ack = await waitFor(async () => (await getCase(caseId)).timeline.find((e) => e.kind === 'ack'), { what: 'the ACK in the case timeline' });
    expect(ack).toMatchObject({ tipId: first.tipId, by: { name: OLGA }, responderName: expect.any(String) });
  });

  it('audits reading the case as a read of each of its tips', async () => {
    await getCase(caseId);
    for (const tip of [first, second, third]) {
      const reads = (await auditOf(tip.tipId)).filter((e) => e.action === 'read' && e.details.view === 'case');
      expect(reads.length, tip.tipId).toBeGreaterThan(0);
      expect(reads.at(-1)?.details).toEqual({ view: 'case', caseId });
    }
  });

  it('refuses a tip in another case (409 already_in_case, naming it); the tip stays where it was', async () => {
    const other = await smsTip(`${marker('otro')} pregunta: ¿dónde denuncio una estafa de trabajo?`);
    const otherToo = await smsTip(`${marker('otro')} lo mismo me pasó a mí con una agencia de empleo.`);
    expect((await link(otherToo.tipId, other.tipId)).status).toBe(200);
    const otherCase = (await detail(other.tipId)).caseId;

    const refused = await link(other.tipId, first.tipId);

    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; message: string; caseId: string };
    expect(body).toMatchObject({ error: 'already_in_case', caseId: otherCase });
    expect(body.message).toMatch(/already in case C-.*link the other tip to this one instead/);
    expect((await detail(other.tipId)).caseId).toBe(otherCase);
    expect((await getCase(caseId)).tipIds).toHaveLength(3);
  });

  it('answers a bad link or case id with what to send instead', async () => {
    const itself = await link(first.tipId, first.tipId);
    expect(itself.status).toBe(400);
    expect(((await itself.json()) as { fields: Record<string, string> }).fields.to).toBeDefined();
    expect((await link(first.tipId, 'ZZZZZZZZ')).status).toBe(400);
    expect((await link('ZZZZZZZZ', first.tipId)).status).toBe(404);
    expect((await post(operator, `/api/tips/${first.tipId}/link`, { to: 'not-a-tip' })).status).toBe(400);
    expect((await call(stack, operator, 'GET', '/api/cases/C00000000')).status).toBe(404);
    const bad = await call(stack, operator, 'GET', '/api/cases/nope');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/C and 8 letters and digits/);
  });
});
