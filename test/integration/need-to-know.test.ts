// Responders on a need-to-know basis, through HTTP on the local stack: a responder reads a tip
// only while paging for it runs or for 24 hours after their page ended, and then only the
// responder view (no notes, claim, score or other people's pages). Any other tip, including one
// paged to someone else, answers exactly as an id that does not exist. Responder tokens are
// signed by the local issuer with the roster id in `custom:responderId`, as Cognito's would be.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ResponderTipView, TipDetail } from '../../functions/core/operator-views';
import type { PagingView } from '../../functions/core/paging/page-view';
import { READ_WINDOW_AFTER_PAGE_ENDS_MS } from '../../functions/core/responder-access';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { localIdentity } from '../../local/identity';
import { clockOffsetMs, moveClock } from '../support/evidence';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;
const identity = localIdentity(stack.httpUrl, stack.identityPrivateKey);
const phones = new Map(demoRoster.responders.map((r) => [r.responderId, r.phone]));

/** A responder's token: the demo responder's account, as the roster's `responderId` (none: an account the roster does not know). */
const responderToken = (responderId?: string): string =>
  identity.idToken('responder', {
    'custom:responderId': responderId,
    name: `Guardia ${responderId ?? 'sin-lista'} (test)`,
    sub: `resp-${responderId ?? 'none'}`,
  });

const UNKNOWN_TIP = 'ZZZZZZZZ';
const NOTE = 'nota-interna-ntk: la madre pidió no ser llamada';

let sender = 51977880000 + Math.floor(Math.random() * 9000);
async function tipFrom(marker: string, body: string) {
  await postSignedSms(stack, twilioWebhook({ From: `+${sender++}`, Body: `${marker} ${body}` }));
  return queuedTip(stack, (t) => t.preview.startsWith(marker), { what: `the tip "${marker}"` });
}
// Two different texts, so that paging's guards never take one tip's page for a repeat of the other's.
const CRITICAL = {
  open: 'ayuda, mi hija de 15 años esta en un prostibar en mazuko, le quitaron su dni',
  acked: 'urgente: en un bar de la pampa tienen encerrada a una niña de 14 años y no la dejan salir',
};

const pagesOf = async (tipId: string): Promise<PagingView> => (await (await call(stack, supervisor, 'GET', `/api/tips/${tipId}/pages`)).json()) as PagingView;
/** Who paging sent the tip's first page to, once it has. */
const firstPaged = async (tipId: string): Promise<string> =>
  waitFor(async () => (await pagesOf(tipId)).pages[0]?.responder.id, { what: `the first page for tip ${tipId}`, timeoutMs: 30_000 });

/** Status and body, with the tip id asked for written as <id>: what tells one tip id from another. */
async function answer(token: string, path: string, tipId: string) {
  const res = await call(stack, token, 'GET', path.replace('{id}', tipId));
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.text()).replaceAll(tipId, '<id>') };
}

/** The answer a responder gets for a tip that does not exist, on GET tip and GET pages. */
async function expectAnswersAsUnknown(token: string, tipId: string) {
  for (const path of ['/api/tips/{id}', '/api/tips/{id}/pages']) {
    const asked = await answer(token, path, tipId);
    expect(asked, `${path} for ${tipId}`).toEqual(await answer(token, path, UNKNOWN_TIP));
    expect(asked.status).toBe(404);
  }
}

let open: { tipId: string; responder: string };
let never: string;
let startOffsetMs = 0;

beforeAll(async () => {
  startOffsetMs = await clockOffsetMs(stack);
  const tip = await tipFrom('ntk-abierta', CRITICAL.open);
  // The operator works the tip: a claim and a note, neither of which a responder may see.
  expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/claim`)).status).toBe(200);
  expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/notes`, { text: NOTE })).status).toBe(201);
  open = { tipId: tip.tipId, responder: await firstPaged(tip.tipId) };
  const quiet = await tipFrom('ntk-nunca', 'buenas tardes, quisiera saber el horario de atención de la oficina');
  expect(['low', 'medium']).toContain(quiet.level);
  never = quiet.tipId;
});

afterAll(async () => {
  // Back to where the file found the clock, for the files after it.
  const offset = await clockOffsetMs(stack);
  if (offset !== startOffsetMs) await moveClock(stack, (startOffsetMs - offset) / 60_000);
});

/** A demo roster responder whom paging did not page for `tipId`. */
async function notPagedFor(tipId: string): Promise<string> {
  const paged = new Set((await pagesOf(tipId)).pages.map((p) => p.responder.id));
  const other = demoRoster.responders.find((r) => !paged.has(r.responderId) && r.role !== 'supervisor');
  if (!other) throw new Error('every demo responder was paged');
  return other.responderId;
}

describe('a responder paged for a tip, paging still open', () => {
  it('reads the responder view: the redacted thread, level, places, indicators and the page; no notes, claim or score', async () => {
    const res = await call(stack, responderToken(open.responder), 'GET', `/api/tips/${open.tipId}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as ResponderTipView;
    expect(view).toMatchObject({
      view: 'responder',
      tipId: open.tipId,
      level: 'critical',
      region: 'Madre de Dios',
      access: { relation: 'paged', until: null },
    });
    expect(view.indicators).toContain('minor');
    expect(view.places.map((p) => p.region)).toContain('Madre de Dios');
    expect(view.text).toContain('ntk-abierta');
    expect(view.thread.map((e) => e.kind)).toEqual(['in']);
    expect(view.paging.state?.code).toBe(open.tipId.slice(0, 4));
    const json = JSON.stringify(view);
    for (const absent of ['nota-interna', 'Olga', 'claimedBy', '"score"', '"rule"', 'levelOverride', '"channel"', 'contactKey'])
      expect(json, absent).not.toContain(absent);
    // The staff view of the same tip has both.
    const staff = (await (await call(stack, operator, 'GET', `/api/tips/${open.tipId}`)).json()) as TipDetail;
    expect(staff.thread.some((e) => e.kind === 'note' && e.text === NOTE)).toBe(true);
    expect(staff.claimedBy?.name).toBe('Olga Operadora (demo)');
  });

  it('sees the page status, and of the pages sent only their own', async () => {
    const res = await call(stack, responderToken(open.responder), 'GET', `/api/tips/${open.tipId}/pages`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as PagingView;
    expect(view.state).toMatchObject({ code: open.tipId.slice(0, 4), open: true, acknowledged: null });
    expect(view.pages.length).toBeGreaterThanOrEqual(1);
    expect(new Set(view.pages.map((p) => p.responder.id))).toEqual(new Set([open.responder]));
  });

  it('still cannot read its audit trail or its sealed evidence (403, by role, whatever the relation)', async () => {
    for (const token of [responderToken(open.responder), responderToken(await notPagedFor(open.tipId))]) {
      for (const path of [`/api/tips/${open.tipId}/audit`, `/api/tips/${open.tipId}/evidence`]) {
        expect((await call(stack, token, 'GET', path)).status, path).toBe(403);
      }
    }
  });

  it('has the read on the tip’s audit trail, as the responder’s, with the relation that allowed it', async () => {
    const res = await call(stack, supervisor, 'GET', `/api/tips/${open.tipId}/audit`);
    const { events } = (await res.json()) as { events: Array<{ action: string; actor: { name: string }; details: Record<string, string> }> };
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'read',
        actor: expect.objectContaining({ name: `Guardia ${open.responder} (test)` }),
        details: { view: 'responder', access: 'paged' },
      }),
    );
  });
});

describe('a responder never paged for a tip', () => {
  it('gets exactly the answer of a tip that does not exist, for a tip paged to someone else', async () => {
    const other = await notPagedFor(open.tipId);
    await expectAnswersAsUnknown(responderToken(other), open.tipId);
  });

  it('and for a tip nobody was paged for, even the responder paged for another tip', async () => {
    await expectAnswersAsUnknown(responderToken(open.responder), never);
    await expectAnswersAsUnknown(responderToken(await notPagedFor(open.tipId)), never);
  });

  it('an account the roster does not know (no responder id) reads no tip at all', async () => {
    await expectAnswersAsUnknown(responderToken(undefined), open.tipId);
    await expectAnswersAsUnknown(responderToken(undefined), never);
  });

  it('leaves no read on the trail: a refused probe reads nothing of the tip', async () => {
    const other = await notPagedFor(open.tipId);
    await call(stack, responderToken(other), 'GET', `/api/tips/${open.tipId}`);
    const { events } = (await (await call(stack, supervisor, 'GET', `/api/tips/${open.tipId}/audit`)).json()) as { events: Array<{ actor: { name: string } }> };
    expect(events.map((e) => e.actor.name)).not.toContain(`Guardia ${other} (test)`);
  });
});

describe('a responder who acknowledged the page', () => {
  let acked: { tipId: string; responder: string; at: string };

  beforeAll(async () => {
    const tip = await tipFrom('ntk-confirmada', CRITICAL.acked);
    const responder = await firstPaged(tip.tipId);
    const phone = phones.get(responder);
    if (!phone) throw new Error(`${responder} is not in the demo roster: no phone to acknowledge from`);
    expect((await postSignedSms(stack, twilioWebhook({ From: phone, Body: `ACK ${tip.tipId.slice(0, 4)}` }))).status).toBe(200);
    const at = await waitFor(async () => (await pagesOf(tip.tipId)).state?.acknowledged?.at, { what: `the ACK of tip ${tip.tipId}`, timeoutMs: 30_000 });
    acked = { tipId: tip.tipId, responder, at };
  });

  it('reads the tip for 24 hours from the ACK, and sees that they acknowledged it', async () => {
    const res = await call(stack, responderToken(acked.responder), 'GET', `/api/tips/${acked.tipId}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as ResponderTipView;
    expect(view.access).toEqual({ relation: 'acknowledged', until: new Date(Date.parse(acked.at) + READ_WINDOW_AFTER_PAGE_ENDS_MS).toISOString() });
    expect(view.paging.state?.acknowledged?.by.id).toBe(acked.responder);
    expect(view.paging.state?.open).toBe(false);
  });

  it('another responder still gets the answer of an unknown tip', async () => {
    await expectAnswersAsUnknown(responderToken(await notPagedFor(acked.tipId)), acked.tipId);
  });

  it('paged long ago: once the window has passed, the tip answers as one that does not exist; staff still read it', async () => {
    await moveClock(stack, READ_WINDOW_AFTER_PAGE_ENDS_MS / 60_000 + 5);
    await expectAnswersAsUnknown(responderToken(acked.responder), acked.tipId);
    for (const path of ['/api/tips/{id}/audit', '/api/tips/{id}/evidence']) {
      expect((await call(stack, responderToken(acked.responder), 'GET', path.replace('{id}', acked.tipId))).status).toBe(403);
    }
    expect((await call(stack, operator, 'GET', `/api/tips/${acked.tipId}`)).status).toBe(200);
  });
});
