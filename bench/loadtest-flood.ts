// The load test's flood scenario (issue 15): web tips that all answer the form's "someone is
// under 18" and "it is happening now", each with another X-Forwarded-For, as someone trying to
// page the on-call responder from a script would send them. Some are only "hola" (critical on
// the form alone: never paged at once), the rest are critical in their own words, each worded
// differently (so that the duplicate check does not hide what the budget does). What it counts
// afterwards: the paging state of every stored tip (paged, held by the budget, covered by an
// earlier page, none) from the Paging table, the page SMS and the supervisors' notices from the
// local Twilio API's outbox.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { PAGING_TABLE } from '../functions/config/tables';

export const FLOOD_SIGNALS = { minor: 'yes', happeningNow: true } as const;

const VICTIMS = [
  'mi hija de 15',
  'una niña de 13 años',
  'mi sobrina de 14',
  'dos chicas menores de edad',
  'la hija de mi vecina, de 16,',
  'una menor de 14 años',
  'mi hermanita de 15',
  'una chiquita de 12',
];
const PLACES = [
  'en un prostibar de La Pampa',
  'en un bar de Mazuko',
  'en una discoteca de Puerto Maldonado',
  'en un local del km 108',
  'en un campamento de Huepetuhe',
  'en un night club de Laberinto',
  'en una cantina de Delta 1',
];
const HARMS = [
  'la obligan a atender clientes',
  'le quitaron el DNI y no la dejan salir',
  'la tienen encerrada y la golpean',
  'la venden a los mineros',
  'el dueño la amenaza si se quiere ir',
  'la hacen tomar con los clientes',
];
const GREETINGS = ['hola', 'ola', 'buenas', 'hola hola', 'alo', 'hey'];

/** A text for one flood request: critical in its own words, or a greeting (critical only on the form). */
export function floodText(pick: <T>(items: readonly T[]) => T, critical: boolean): string {
  return critical ? `${pick(VICTIMS)} esta ${pick(PLACES)}, ${pick(HARMS)}` : pick(GREETINGS);
}

/** A made-up client address for X-Forwarded-For, never a loopback or private one. */
export function forwardedFor(random: () => number): string {
  const octet = () => 1 + Math.floor(random() * 223);
  return `${[11, 45, 77, 181, 190, 200][Math.floor(random() * 6)]}.${octet()}.${octet()}.${octet()}`;
}

export interface PagingOutcome {
  /** Paging started and at least one responder was paged. */
  paged: number;
  /** Held by the region's budget, nobody paged yet. */
  held: number;
  /** Covered by an earlier page of the same sender or a near-identical text. */
  covered: number;
  /** No paging state (not critical, or not due yet: a high tip waits for the high rule). */
  none: number;
}

/** The paging state of each of `tipIds`, from the Paging table. */
export async function pagingOutcome(endpoint: string, tipIds: readonly string[]): Promise<PagingOutcome> {
  const base = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const client = DynamoDBDocumentClient.from(base);
  const states = new Map<string, Record<string, unknown>>();
  try {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: PAGING_TABLE.name, ...(start ? { ExclusiveStartKey: start } : {}) }));
      for (const state of page.Items ?? []) if (typeof state.tipId === 'string') states.set(state.tipId, state);
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    base.destroy();
  }
  const outcome: PagingOutcome = { paged: 0, held: 0, covered: 0, none: 0 };
  for (const tipId of tipIds) {
    const state = states.get(tipId);
    if (!state) outcome.none++;
    else if (state.coveredBy) outcome.covered++;
    else if (Array.isArray(state.everPagedResponderIds) && state.everPagedResponderIds.length > 0) outcome.paged++;
    else if (state.held) outcome.held++;
    else outcome.none++;
  }
  return outcome;
}

/** The supervisors' "page budget spent" notices in the outbox since `sinceMs`, in any language. */
export async function budgetNotices(httpUrl: string, sinceMs: number): Promise<number> {
  const res = await fetch(`${httpUrl}/local/outbox`).catch(() => undefined);
  const outbox = res?.ok ? ((await res.json()) as Array<{ body?: unknown; at?: unknown }>) : [];
  const notice = /^tipline (aviso|notice): .*(avisos en 1 hora|pages in the last hour|aviso kay horapi|avisos na ultima hora)/;
  return outbox.filter((m) => typeof m.body === 'string' && notice.test(m.body) && typeof m.at === 'string' && Date.parse(m.at) >= sinceMs).length;
}
