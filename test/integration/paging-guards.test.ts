// Issue 15, point 4, through HTTP on the local stack: an anonymous web tip whose critical level
// rests on the form's answers pages nobody at once, and an operator raising it to critical pages
// at once; a tip critical by its words pages; a copy of it minutes later is covered by that page;
// a flood of distinct critical tips in one region sends at most the budget's page SMS (B, the
// default 6), holds the rest at the top of the queue, tells each supervisor once, and counts no
// page twice when its job is delivered again.
//
// The region is Cusco, which no other file pages (its officer only answers paging-settled
// markers, which are not pages): this file owns Cusco's hour. The budget is the deployment's
// default, PAGING_GUARDS.defaultBudgetPerHour, set on Cusco's policy for this file (the shared
// test stack runs with a budget no file reaches, see global-setup.ts).
import { randomInt } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PAGING_GUARDS, PAGING_QUEUE } from '../../functions/config/tables';
import { pageCode } from '../../functions/core/paging';
import type { PagingView } from '../../functions/core/paging/page-view';
import type { QueueItem } from '../../functions/core/operator-views';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { queueUrl, sqs } from '../support/local-aws';
import { twilioOutbox, type RecordedMessage } from '../support/local-twilio';
import { call, getQueue, postWebTip, queuedTip } from '../support/operator';
import { pagingSettled } from '../support/paging';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const B = PAGING_GUARDS.defaultBudgetPerHour;
const phones = new Map(demoRoster.responders.map((r) => [r.responderId, r.phone]));
const phoneOf = (id: string): string => phones.get(id)!;
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;

// Letters only: digits could be read as a number and redacted away.
const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const sender = (): string => `+5197${String(randomInt(10_000_000)).padStart(7, '0')}`;

/** Critical by their words, in Cusco, none saying "now" (so none is first in the queue for it). */
const FLOOD = [
  'en un bar de Quillabamba tienen a una chica de 15 años atendiendo clientes, el dueño le quito el DNI',
  'mi sobrina de 14 esta encerrada en una casa de Sicuani, la golpean y no la dejan salir',
  'a una niña de 13 la llevaron a un prostibar de Quincemil, la obligan a estar con hombres',
  'en la discoteca de la plaza de Cusco hay menores de 16 que venden, el administrador las amenaza',
  'mi hermanita de 15 desaparecio, dicen que la tienen en un night club de Marcapata con otras chicas',
  'un señor de Sicuani tiene a dos niñas de 14 encerradas en su local y las hace atender a clientes',
  'la hija de mi comadre, de 16, trabaja en un bar de Quillabamba, no le devuelven su documento y la golpean',
  'en Quincemil vi a una menor de 13 en un prostibar, me dijo que la trajeron engañada y no puede irse',
];
const WORDS = 'mi nieta de 14 años esta en un prostibar de Cusco, le quitaron su DNI y el dueño la tiene encerrada en un cuarto';

const outbox = (): Promise<RecordedMessage[]> => twilioOutbox(stack.twilioApiUrl);
/** Pages name the code after ACK in every language ("… Responde ACK 7K2F", "… ACK 7K2F nispa kutichiy"). */
const isPageFor = (m: RecordedMessage, tipId: string): boolean => m.body.startsWith('tipline ') && m.body.includes(`ACK ${pageCode(tipId)}`);
const pagesFor = async (tipId: string): Promise<RecordedMessage[]> => (await outbox()).filter((m) => isPageFor(m, tipId));
const pagesView = async (tipId: string): Promise<PagingView> => (await call(stack, operator, 'GET', `/api/tips/${tipId}/pages`)).json() as Promise<PagingView>;
const firstPage = (tipId: string, what: string) => waitFor(async () => (await pagesFor(tipId))[0], { what: `the page for ${what} (${pageCode(tipId)})` });

/** Everything this file paged, to acknowledge at the end, so that nothing it started escalates into other files. */
const paged: Array<{ tipId: string; phone: string }> = [];
const toClose: string[] = [];

const CUSCO_POLICY = demoRoster.policies.find((p) => p.policyId === 'cusco')!;
const putCuscoPolicy = (extra: Record<string, unknown>) =>
  call(stack, supervisor, 'PUT', '/api/roster/policies/cusco', { region: CUSCO_POLICY.region, levels: CUSCO_POLICY.levels, ...extra });

beforeAll(async () => {
  expect((await putCuscoPolicy({ pageBudgetPerHour: B })).ok).toBe(true);
});

afterAll(async () => {
  await putCuscoPolicy({});
  for (const { tipId, phone } of paged) await postSignedSms(stack, twilioWebhook({ From: phone, Body: `ACK ${pageCode(tipId)}` }));
  for (const tipId of toClose) await call(stack, operator, 'POST', `/api/tips/${tipId}/status`, { status: 'closed', outcome: 'other' });
});

describe('paging cannot be driven by anonymous input alone', () => {
  let formOnly: QueueItem;

  it('a web tip critical only on the form’s answers ("hola", under 18, happening now) pages nobody at once', async () => {
    // Arrange
    const marker = letters(10);

    // Act
    const res = await postWebTip(stack, { text: `hola ${marker}`, signals: { minor: 'yes', happeningNow: true } });
    expect(res.status).toBe(202);
    formOnly = await queuedTip(stack, marker);
    await pagingSettled(stack);

    // Assert: high, with the reason in its rule; no page, no paging state
    expect(formOnly.level).toBe('high');
    const detail = (await (await call(stack, operator, 'GET', `/api/tips/${formOnly.tipId}`)).json()) as { rule: string };
    expect(detail.rule).toContain("critical on the form's answers alone");
    expect(detail.rule).toContain('the text alone reads low');
    expect(await pagesFor(formOnly.tipId)).toEqual([]);
    expect((await pagesView(formOnly.tipId)).state).toBeNull();
  });

  it('the same tip raised to critical by an operator pages at once, in their name', async () => {
    // Act
    const raised = await call(stack, operator, 'POST', `/api/tips/${formOnly.tipId}/level`, { level: 'critical', reason: 'la llamamos: es una menor, ahora' });
    expect(raised.status).toBe(200);

    // Assert: no place named, so the default policy's first level (the demo supervisor) is paged
    const page = await firstPage(formOnly.tipId, 'the raised tip');
    paged.push({ tipId: formOnly.tipId, phone: page.to });
    expect(page.body).toMatch(/^tipline CRITICO /);
    // The page goes out before its state is stored: wait for the state, not just the SMS.
    await waitFor(async () => (await pagesView(formOnly.tipId)).guard?.decidedBy?.name, { what: 'the decision in the paging state' });
  });

  let byWords: QueueItem;
  const shared = letters(10);

  it('a tip critical by its words pages at once, form answers or not', async () => {
    // Act
    const res = await postWebTip(stack, { text: `${WORDS} ${shared}`, signals: { minor: 'yes' } });
    expect(res.status).toBe(202);
    byWords = await queuedTip(stack, shared);

    // Assert
    expect(byWords).toMatchObject({ level: 'critical', region: 'Cusco' });
    const page = await firstPage(byWords.tipId, 'the tip critical by its words');
    paged.push({ tipId: byWords.tipId, phone: page.to });
    expect(page.to).toBe(phoneOf('pol-wilber'));
  });

  let covered: QueueItem;

  it('the same tip again minutes later, from someone else, is covered by that page and pages nobody', async () => {
    // Act
    await postSignedSms(stack, twilioWebhook({ From: sender(), Body: `${WORDS} ${shared}` }));
    covered = await queuedTip(stack, (t) => t.preview.includes(shared) && t.tipId !== byWords.tipId, { what: 'the copy' });
    await pagingSettled(stack);

    // Assert
    expect(covered.level).toBe('critical');
    expect(await pagesFor(covered.tipId)).toEqual([]);
    const view = await pagesView(covered.tipId);
    expect(view.guard?.coveredBy).toMatchObject({ tipId: byWords.tipId, match: 'text' });
    expect(view.pages).toEqual([]);
  });

  it(`a flood of distinct critical tips in one region sends at most ${B} page SMS and tells each supervisor once`, async () => {
    // Arrange: the tip above has taken one of Cusco's pages this hour
    const before = (await outbox()).length;
    const marker = letters(8);

    // Act
    for (const text of FLOOD) await postSignedSms(stack, twilioWebhook({ From: sender(), Body: `${text} ${marker}` }));
    const flood = await waitFor(
      async () => {
        const ours = (await getQueue(stack)).filter((t) => t.preview.includes(marker));
        return ours.length === FLOOD.length ? ours : undefined;
      },
      { what: `the ${FLOOD.length} flood tips in the queue` },
    );
    await pagingSettled(stack);

    // Assert: B pages in Cusco this hour in all, the rest held
    const since = (await outbox()).slice(before);
    const ours = [byWords, ...flood].map((t) => t.tipId);
    const pages = (await outbox()).filter((m) => m.to === phoneOf('pol-wilber') && ours.some((id) => isPageFor(m, id)));
    expect(pages).toHaveLength(B);
    const views = await Promise.all(flood.map(async (t) => ({ tip: t, view: await pagesView(t.tipId) })));
    const held = views.filter((v) => v.view.guard?.held);
    expect(held).toHaveLength(FLOOD.length - (B - 1));
    for (const { tip, view } of views) {
      if (view.guard?.held) toClose.push(tip.tipId);
      else paged.push({ tipId: tip.tipId, phone: phoneOf('pol-wilber') });
    }
    // Each supervisor told once, in their language
    const notices = (who: string, pattern: RegExp) => since.filter((m) => m.to === phoneOf(who) && pattern.test(m.body));
    expect(notices('sup-sara', /^tipline aviso: Cusco: ya van \d+ avisos en 1 hora\. Los demas esperan hasta las \d\d:\d\d/)).toHaveLength(1);
    expect(notices('sup-tomas', /^tipline notice: Cusco: \d+ pages in the last hour\. Others wait until \d\d:\d\d/)).toHaveLength(1);
    // Held tips stay at the top of their level: before the covered copy, which paged nobody
    const critical = (await getQueue(stack)).filter((t) => t.level === 'critical').map((t) => t.tipId);
    for (const { tip } of held) expect(critical.indexOf(tip.tipId)).toBeLessThan(critical.indexOf(covered.tipId));
  });

  it('a redelivered page job counts nothing twice: no page, and a held tip stays held', async () => {
    // Arrange
    const client = sqs(stack.sqsEndpoint);
    const url = await queueUrl(client, PAGING_QUEUE.name);
    const ids = [...paged.map((p) => p.tipId), ...toClose].filter((id) => id !== formOnly.tipId);
    const wilberPages = async () => (await outbox()).filter((m) => m.to === phoneOf('pol-wilber') && ids.some((id) => isPageFor(m, id))).length;
    const before = await wilberPages();

    // Act: every start job of this region again, twice
    for (let round = 0; round < 2; round++) {
      for (const tipId of ids) await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ type: 'PageRequested', tipId }) }));
    }
    await pagingSettled(stack);

    // Assert
    expect(await wilberPages()).toBe(before);
    for (const tipId of toClose) expect((await pagesView(tipId)).guard?.held).toBeTruthy();
  });

  it('an operator raising a held tip pages it at once, past the budget', async () => {
    // Arrange
    const tipId = toClose.shift()!;

    // Act
    const raised = await call(stack, supervisor, 'POST', `/api/tips/${tipId}/level`, { level: 'critical', reason: 'revisado: es real, hay que ir' });
    expect(raised.status).toBe(200);

    // Assert
    const page = await firstPage(tipId, 'the held tip an operator raised');
    paged.push({ tipId, phone: page.to });
    const view = await pagesView(tipId);
    expect(view.guard?.held).toBeNull();
    expect(view.guard?.decidedBy).toBeTruthy();
  });
});
