// Three tips sent the way Twilio and a browser send them, each carrying a marker so that this
// test finds its own rows in a queue that other tests also fill.
import { randomBytes, randomInt } from 'node:crypto';
import { getQueue, postWebTip, queuedTip, type StackRef } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

export interface Seeded {
  marker: string;
  /** The critical tipster's number: the browser must never show it. */
  criticalFrom: string;
  ids: { critical: string; high: string; low: string };
}

type Stack = StackRef & { publicUrl: string; twilioAuthToken: string };

const letters = (n: number): string => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const peruMobile = (): string => `+519${String(randomInt(10_000_000, 99_999_999))}`;

export async function seedThreeTips(stack: Stack, label: string): Promise<Seeded> {
  // Letters only: digits could be read as an ID number and redacted away.
  const marker = `ref${label}${letters(6)}`;
  const criticalFrom = peruMobile();
  // Sent least urgent first, so that the order on screen can only come from the level.
  const low = await postWebTip(stack, { text: `${marker} hola, cual es el horario de atencion?`, lang: 'es' });
  if (low.status !== 202) throw new Error(`web tip answered ${low.status}: ${await low.text()}`);
  const highText = `${marker} a mi esposo el dueño del campamento le quito su dni y no lo deja salir`;
  const high = await postSignedSms(stack, twilioWebhook({ From: peruMobile(), Body: highText }));
  if (high.status !== 200) throw new Error(`high tip answered ${high.status}: ${await high.text()}`);
  const criticalText = `${marker} mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI`;
  const critical = await postSignedSms(stack, twilioWebhook({ From: criticalFrom, Body: criticalText }));
  if (critical.status !== 200) throw new Error(`critical tip answered ${critical.status}: ${await critical.text()}`);

  const ours = await waitFor(
    async () => {
      const queue = (await getQueue(stack)).filter((t) => t.preview.startsWith(marker));
      return queue.length === 3 ? queue : undefined;
    },
    { timeoutMs: 60_000, what: `the three ${label} tips to be triaged` },
  );
  const byLevel = (level: string) => {
    const tip = ours.find((t) => t.level === level);
    if (!tip) throw new Error(`no ${level} tip among ${JSON.stringify(ours.map((t) => [t.level, t.preview]))}`);
    return tip.tipId;
  };
  return { marker, criticalFrom, ids: { critical: byLevel('critical'), high: byLevel('high'), low: byLevel('low') } };
}

export interface SeededCritical {
  marker: string;
  tipId: string;
  /** What the tipster wrote: a page must carry none of it. */
  text: string;
  from: string;
}

/** One critical SMS tip from La Pampa (Madre de Dios), triaged and in the queue. */
export async function seedCriticalTip(stack: Stack, label: string): Promise<SeededCritical> {
  // Paging treats a near-identical text in the same region within 30 minutes as a copy of a tip
  // already paged, and pages nobody (issue 15). Every critical tip of a run shares this sentence,
  // so the marker's random part must be long enough to keep two of them apart: with 6 letters,
  // 1 pair in 200 scored as a copy; with 24, none in 2,000 came above 0.66.
  const marker = `guardia${label}${letters(24)}`;
  const from = peruMobile();
  const text = `${marker} mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI`;
  const res = await postSignedSms(stack, twilioWebhook({ From: from, Body: text }));
  if (res.status !== 200) throw new Error(`critical tip answered ${res.status}: ${await res.text()}`);
  const tip = await queuedTip(stack, (t) => t.preview.startsWith(marker), { timeoutMs: 60_000, what: `the ${label} critical tip to be triaged` });
  if (tip.level !== 'critical') throw new Error(`the ${label} tip scored ${tip.level}, not critical`);
  return { marker, tipId: tip.tipId, text, from };
}
