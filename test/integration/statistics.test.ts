// The statistics end to end, on a stack of this file's own (it moves the clock a month ahead):
// tips sent through the web form are counted as triage stores them, an operator marking one a
// duplicate takes it out in the same write, and once the month is over and settled the hourly
// publication (run whenever the local clock moves) freezes it. `cli stats` then prints, as JSON
// and as CSV, exactly the figures of the tips sent, with every count from 1 to k−1 withheld; the
// supervisors' API answers the same, and a later change to a tip changes no published figure.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, publishableAt } from '../../functions/core/statistics/calendar';
import { CSV_HEADER, SUPPRESSED_WORD } from '../../functions/core/statistics/export';
import type { StatCell, StatisticsExport } from '../../functions/core/statistics/model';
import type { QueueItem } from '../../functions/core/operator-views';
import { readLocalConfig, REPO_ROOT } from '../../local/config';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { ownPorts } from '../support/own-ports';
import { queueDrained, sqs } from '../support/local-aws';
import { call, getQueue, postWebTip } from '../support/operator';
import { waitFor } from '../support/wait';

const K = 10;
const WEEK_MINUTES = 7 * 24 * 60;
let dataDir = '';
let stack: LocalStack;
let tokens: { operator: string; supervisor: string };
let month = '';
/** The tips as the operators' queue shows them once triaged: what the statistics must count. */
let counted: QueueItem[] = [];
let duplicate: QueueItem;
let original: QueueItem;

// Each text names its place and a different detail, so that no two are near-copies (paging
// would cover a copy by the first one's page and mark it a duplicate, and it would not count).
const MAZUKO = [
  'tienen a una niña de 14 encerrada en un prostibar de Mazuko, no la dejan salir',
  'mi prima de 15 años está en un bar de Mazuko, le quitaron su DNI y no puede irse',
  'en Mazuko hay menores trabajando de damas de compañía en el bar La Tranca',
  'a mi hermana la llevaron a Mazuko con engaños de trabajo en restaurante, ahora le cobran una deuda',
  'en un campamento cerca de Mazuko tienen chicas de 16 encerradas, el dueño las amenaza',
  'una chica de 13 pidió ayuda en Mazuko, dice que la golpean y no le pagan',
  'en Mazuko el dueño del bar guarda los documentos de las chicas para que no se vayan',
  'vi a dos menores en el prostibar de la entrada a Mazuko, las vigilan todo el día',
  'mi sobrina de 17 está en Mazuko, le ofrecieron trabajo de cocinera y la obligan a atender clientes',
  'en Mazuko una señora recluta chicas de Cusco con ofertas falsas y las encierra',
  'hay una adolescente en un bar de Mazuko que llora, dice que le deben su sueldo y no la dejan salir',
  'en Mazuko tienen a jovencitas menores de edad en un local sin ventanas',
];
const CUSCO = ['en Quillabamba Cusco hay una chica de 15 que trabaja en un bar y no la dejan salir'];
const NO_PLACE = ['me ofrecieron un trabajo por Facebook con mucho sueldo y ahora me piden pagar una deuda para irme'];

/** The local clock moves at most a week at a time (local/dev-endpoints.ts). */
async function moveClock(minutes: number): Promise<void> {
  for (let left = minutes; left > 0; left -= WEEK_MINUTES) {
    const res = await fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${Math.min(left, WEEK_MINUTES)}`, { method: 'POST' });
    expect(res.status).toBe(200);
  }
}

async function runCli(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/tipline.ts', 'stats', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TIPLINE_DYNAMODB_PORT: new URL(stack.dynamoDbEndpoint).port },
  });
  return stdout;
}

/** How many counted tips a cell covers, from the tips themselves. */
function truth(cell: Omit<StatCell, 'count' | 'month'>): number {
  return counted.filter(
    (tip) =>
      (cell.region === 'all' || (tip.region ?? 'unknown') === cell.region) &&
      (cell.level === 'all' || tip.level === cell.level) &&
      (cell.channel === undefined || tip.channel === cell.channel) &&
      (cell.language === undefined || tip.lang === cell.language) &&
      (cell.indicator === undefined || tip.indicators.includes(cell.indicator)),
  ).length;
}

/** Every published figure is the truth or withheld, never 1..k−1; every nonzero cell is listed. */
function expectFaithful(statistics: StatisticsExport): void {
  expect(statistics.k).toBe(K);
  expect(statistics.months).toEqual([month]);
  for (const cell of statistics.cells) {
    expect(cell.month).toBe(month);
    const actual = truth(cell);
    if (cell.count === null) expect(actual).toBeGreaterThan(0);
    else expect({ cell, count: cell.count }).toEqual({ cell, count: actual });
    if (actual > 0 && actual < K) expect({ cell, count: cell.count }).toEqual({ cell, count: null });
  }
  const listed = (region: string, level: string) =>
    statistics.cells.some((cell) => cell.region === region && cell.level === level && !cell.indicator && !cell.channel && !cell.language);
  for (const tip of counted) {
    expect(listed(tip.region ?? 'unknown', tip.level)).toBe(true);
    expect(listed('all', tip.level)).toBe(true);
  }
  expect(statistics.suppressed).toBe(statistics.cells.filter((cell) => cell.count === null).length);
  expect(statistics.suppressed).toBeGreaterThan(0);
  // The funnel's first stage is the national total, withheld with it when it is.
  const national = statistics.cells.find((cell) => cell.region === 'all' && cell.level === 'all' && !cell.indicator && !cell.channel && !cell.language);
  expect(statistics.funnel).toEqual([{ month, tips: national?.count, referred: 0, acting: 0, rescued: 0, charges: 0, convictions: 0 }]);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tipline-statistics-'));
  stack = await startLocalStack(
    readLocalConfig({
      ...(await ownPorts()),
      TIPLINE_DATA_DIR: dataDir,
    }),
  );
  tokens = { operator: stack.identity.idToken('operator'), supervisor: stack.identity.idToken('supervisor') };
  month = monthOf(stack.clock.now());

  const sent = [...MAZUKO, ...CUSCO, ...NO_PLACE];
  for (const [i, text] of sent.entries()) expect((await postWebTip(stack, { text, lang: i % 4 === 3 ? 'qu' : 'es' })).status).toBe(202);
  const staff = { httpUrl: stack.httpUrl, operatorToken: tokens.operator };
  const all = await waitFor(
    async () => {
      const queue = await getQueue(staff);
      return queue.length === sent.length ? queue : undefined;
    },
    { what: 'every tip triaged', timeoutMs: 60_000 },
  );
  await queueDrained(sqs(stack.sqsEndpoint), ['paging']);
  // One of the Mazuko tips is a repeat: marked by an operator, it leaves every count in that write.
  const [first, repeat] = all.filter((tip) => tip.preview.includes('Mazuko'));
  original = first!;
  duplicate = repeat!;
  expect((await call(stack, tokens.operator, 'POST', `/api/tips/${duplicate.tipId}/duplicate`, { of: original.tipId })).status).toBe(200);
  counted = (await getQueue(staff)).filter((tip) => tip.tipId !== duplicate.tipId && !tip.duplicateOf);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('statistics through the local stack', () => {
  it('publishes nothing while the month is still running', async () => {
    const statistics = JSON.parse(await runCli(['--from', month, '--to', month])) as StatisticsExport;
    expect(statistics).toMatchObject({ k: K, from: month, to: month, months: [], pending: [month], cells: [], suppressed: 0, funnel: [] });
  });

  it('publishes the month once it is over and settled: `cli stats` prints the tips sent, small counts withheld', async () => {
    const minutes = Math.ceil((publishableAt(month).getTime() - stack.clock.now().getTime()) / 60_000) + 60;
    await moveClock(minutes);
    const statistics = await waitFor(
      async () => {
        const out = JSON.parse(await runCli(['--from', month, '--to', month])) as StatisticsExport;
        return out.months.length > 0 ? out : undefined;
      },
      { what: 'the month published', timeoutMs: 30_000 },
    );
    expectFaithful(statistics);
    // Eleven Mazuko tips of one level at least would be published; the lone Cusco tip never is.
    const cusco = statistics.cells.filter((cell) => cell.region === 'Cusco');
    expect(cusco.length).toBeGreaterThan(0);
    expect(cusco.every((cell) => cell.count === null)).toBe(true);
  });

  it('prints the same figures as CSV', async () => {
    const json = JSON.parse(await runCli(['--from', month, '--to', month])) as StatisticsExport;
    const rows = (await runCli(['--from', month, '--to', month, '--format', 'csv'])).trimEnd().split('\r\n');
    expect(rows[0]).toBe(CSV_HEADER.join(','));
    const tipRows = rows.slice(1).filter((row) => !/^[^,]+,(referred|acting|rescued|charges|convictions),/.test(row));
    expect(tipRows).toHaveLength(json.cells.length);
    for (const cell of json.cells) {
      const measure = cell.indicator ? 'indicator' : cell.channel ? 'channel' : cell.language ? 'language' : 'tips';
      const row = [
        cell.month,
        measure,
        cell.region,
        cell.level,
        cell.indicator ?? '',
        cell.channel ?? '',
        cell.language ?? '',
        cell.count ?? SUPPRESSED_WORD,
      ].join(',');
      expect(tipRows).toContain(row);
    }
  });

  it('answers supervisors the same figures through the API, as JSON and as a CSV download; operators not at all', async () => {
    const api = await call(stack, tokens.supervisor, 'GET', `/api/statistics?from=${month}&to=${month}`);
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual(JSON.parse(await runCli(['--from', month, '--to', month])));
    const csv = await call(stack, tokens.supervisor, 'GET', `/api/statistics?from=${month}&to=${month}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="tipline-statistics-${month}-${month}.csv"`);
    expect(await csv.text()).toBe(await runCli(['--from', month, '--to', month, '--format', 'csv']));
    expect((await call(stack, tokens.operator, 'GET', '/api/statistics')).status).toBe(403);
    const bad = await call(stack, tokens.supervisor, 'GET', '/api/statistics?from=2026-13');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_period' });
  });

  it('keeps a published month as it was: a later change to one of its tips moves no published figure', async () => {
    const before = await runCli(['--from', month, '--to', month]);
    const target = counted.find((tip) => tip.preview.includes('Mazuko') && tip.tipId !== original.tipId)!;
    expect((await call(stack, tokens.operator, 'POST', `/api/tips/${target.tipId}/duplicate`, { of: original.tipId })).status).toBe(200);
    await moveClock(120);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await queueDrained(sqs(stack.sqsEndpoint), ['paging']);
    expect(await runCli(['--from', month, '--to', month])).toBe(before);
  });

  it('tells a mistyped period apart from a failure', async () => {
    await expect(runCli(['--from', 'noviembre'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('YYYY-MM') });
  });
});
