// npm run loadtest [-- --rate 50 --seconds 60]: drives the local stack at a set rate with signed
// SMS webhooks and web tips, open loop (each request leaves on schedule whether or not earlier
// ones were answered, so a slow server shows up as latency, never as a lower rate), then counts
// what was stored and how fast: intake answer, tip-to-stored and, for critical tips,
// tip-to-page. Starts and removes its own stack unless --url names a running one. Figures only;
// nothing here asserts a time. Loopback only, bounded in count and time.
//
// --scenario flood (issue 15) sends only web tips that answer the form's "under 18" and
// "happening now", each with another X-Forwarded-For, and counts what paging did with them:
// tips accepted and refused (429), pages started, page SMS sent against the region's budget,
// tips held or covered, supervisors' notices (bench/loadtest-flood.ts).
import { request, Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { arch, cpus, loadavg, platform, release } from 'node:os';
import { redactIdentifiers } from '../functions/core/redaction/redact';
import { scoreUrgency } from '../functions/core/triage/score';
import { signTwilio, twilioWebhook, type TwilioParams } from '../test/support/twilio';
import { machineLines } from './machine';
import { startOwnStack, type LoadTarget, type OwnStack } from './loadtest-stack';
import { watchPages, watchStored, type PageSighting, type StoredSighting } from './loadtest-watch';
import { budgetNotices, FLOOD_SIGNALS, floodText, forwardedFor, pagingOutcome, type PagingOutcome } from './loadtest-flood';
import { PAGING_GUARDS } from '../functions/config/tables';
import { seededRandom } from '../functions/core/seeded-random';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run loadtest -- [options]
  --rate N              requests a second (50)
  --seconds N           how long to send (60)
  --sms-share F         share of SMS webhooks; the rest are web tips (0.6)
  --critical-share F    share of critical tips, which page the on-call (0.2)
  --replay-share F      share of SMS requests that repeat an earlier MessageSid, as Twilio's retries do (0.03)
  --drain N             seconds to wait after the last request for tips to be stored and paged (60)
  --seed N              seed of the request mix (1)
  --scenario S          mixed (the default) or flood: web tips only, each answering "under 18" and
                        "happening now" with a new X-Forwarded-For; --critical-share of them critical
                        in their own words (0.5 in a flood), the rest "hola"
  --sources N           flood: how many loopback addresses the flood really comes from (1: one
                        machine rotating only X-Forwarded-For)
  --page-budget N       the started stack's page budget per region and hour (its default: ${PAGING_GUARDS.defaultBudgetPerHour})
  --url URL             drive a running stack instead of starting one (loopback only); then also
    --twilio-token T    its Twilio auth token (or $TWILIO_AUTH_TOKEN)
    --public-url URL    the URL it verifies signatures against (default: --url)
    --dynamodb URL      its DynamoDB Local, to count what was stored (without it: intake figures only)
  --keep                keep the started stack's data folder and log
The last line printed is the report as one JSON object.`;

const MAX_REQUESTS = 100_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_IN_FLIGHT = 5_000;
/** The web intake allows 20 tips per sender address per 10 minutes; each simulated web tipster sends fewer. */
const WEB_TIPS_PER_ADDRESS = 10;

// ---- options --------------------------------------------------------------------------

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    'sms-share': { type: 'string', default: '0.6' },
    'critical-share': { type: 'string', default: '0.2' },
    'replay-share': { type: 'string', default: '0.03' },
    drain: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'mixed' },
    sources: { type: 'string', default: '1' },
    'page-budget': { type: 'string' },
    url: { type: 'string' },
    'twilio-token': { type: 'string' },
    'public-url': { type: 'string' },
    dynamodb: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function num(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    process.stderr.write(`loadtest: --${name} must be a number from ${min} to ${max}\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}
const rate = num('rate', values.rate, 0.1, 2_000);
const seconds = num('seconds', values.seconds, 1, 3_600);
const smsShare = num('sms-share', values['sms-share'], 0, 1);
if (values.scenario !== 'mixed' && values.scenario !== 'flood') {
  process.stderr.write(`loadtest: --scenario must be mixed or flood\n${USAGE}\n`);
  process.exit(2);
}
const flood = values.scenario === 'flood';
const criticalShare = num('critical-share', values['critical-share'] === '0.2' && flood ? '0.5' : values['critical-share'], 0, 1);
const sources = num('sources', values.sources, 1, 60_000);
const pageBudget = values['page-budget'] === undefined ? undefined : num('page-budget', values['page-budget'], 1, PAGING_GUARDS.maxBudgetPerHour);
const replayShare = num('replay-share', values['replay-share'], 0, 0.5);
const drainSeconds = num('drain', values.drain, 0, 600);
const seed = num('seed', values.seed, 0, 2 ** 31);
const total = Math.round(rate * seconds);
if (total > MAX_REQUESTS) {
  process.stderr.write(`loadtest: ${total} requests is more than the ${MAX_REQUESTS} this tool sends in one run\n`);
  process.exit(2);
}

function loopbackOnly(url: string, option: string): string {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    process.stderr.write(`loadtest: --${option} must be a loopback address (127.0.0.1, localhost): this tool only loads a local stack\n`);
    process.exit(2);
  }
  return url.replace(/\/+$/, '');
}

// ---- the request mix ------------------------------------------------------------------

const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const CRITICAL_TEXTS = [
  'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI.',
  'ayuda me tienen encerrada ahora en un cuarto en La Pampa y me pegan, tengo 16 años.',
  'en un bar de Mazuko hay niñas de 14 años que atienden a los mineros, no las dejan salir.',
];
const ORDINARY_TEXTS = [
  'Vi a unas chicas tristes en un bar de Puerto Maldonado.',
  'hay un local en Laberinto donde ofrecen trabajo de mesera con buen sueldo, me parece raro.',
  'quiero saber como denunciar una agencia de empleo en Cusco.',
];
// Letters only, no vowels: no detector reads it as a number, an id or a name, and no lexicon
// word is made of it, so it survives redaction and does not move the score.
const MARKER_LETTERS = 'bcdfghjkmnpqrstvwxz';
const MARKER = /\bref ([bcdfghjkmnpqrstvwxz]{10})\b/;
const newMarker = (): string => Array.from({ length: 10 }, () => pick([...MARKER_LETTERS])).join('');

/** The texts must mean what the mix says they mean, under the same core code the stack runs. */
function checkTexts(): void {
  if (flood) {
    for (let i = 0; i < 50; i++) {
      const critical = i % 2 === 0;
      const marked = `${floodText(pick, critical)} ref ${newMarker()}`;
      const redacted = redactIdentifiers(marked).text;
      if (!MARKER.test(redacted)) throw new Error(`The marker does not survive redaction in "${marked}"`);
      // Critical in its own words, or critical only on the form's answers (scored high, no immediate page).
      const level = scoreUrgency(redacted, FLOOD_SIGNALS).level;
      if (level !== (critical ? 'critical' : 'high')) throw new Error(`"${marked}" with the form's answers scores ${level}`);
    }
    return;
  }
  for (const [texts, critical] of [
    [CRITICAL_TEXTS, true],
    [ORDINARY_TEXTS, false],
  ] as const) {
    for (const text of texts) {
      const marked = `${text} ref ${newMarker()}`;
      const redacted = redactIdentifiers(marked).text;
      if (!MARKER.test(redacted)) throw new Error(`The marker does not survive redaction in "${text}"`);
      if ((scoreUrgency(redacted).level === 'critical') !== critical) throw new Error(`"${text}" does not score ${critical ? '' : 'non-'}critical`);
    }
  }
}

type Kind = 'sms' | 'web' | 'sms-replay';

interface Planned {
  index: number;
  kind: Kind;
  marker: string;
  critical: boolean;
  /** Wall-clock time (ms, fractional) the request was due to leave. */
  dueAt: number;
  params?: TwilioParams;
  signature?: string;
  webBody?: string;
  localAddress?: string;
  headers?: Record<string, string>;
}

interface Outcome {
  status: number;
  /** Answer fully read, from the due time: open-loop latency. */
  latencyMs: number;
  error?: string;
}

// ---- HTTP ----------------------------------------------------------------------------

// A connection per request, as distinct tipsters (and Twilio) make: reusing idle keep-alive
// sockets races the server closing them and shows up as ECONNRESET that no client would see.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function post(url: string, headers: Record<string, string>, body: string, localAddress?: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: REQUEST_TIMEOUT_MS,
        ...(localAddress ? { localAddress } : {}),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function canBind(httpUrl: string, address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const u = new URL(httpUrl);
    const req = request({ host: u.hostname, port: u.port, path: '/healthz', localAddress: address, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

// ---- figures --------------------------------------------------------------------------

function pct(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const dist = (v: readonly number[]) => ({
  n: v.length,
  p50: round(pct(v, 50)),
  p95: round(pct(v, 95)),
  p99: round(pct(v, 99)),
  max: round(v.length ? Math.max(...v) : null),
});
const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
const ms = (x: number | null): string => (x === null ? '   n/a' : `${x.toFixed(0).padStart(6)} ms`);
const line = (name: string, d: ReturnType<typeof dist>): string =>
  `  ${name.padEnd(22)} p50 ${ms(d.p50)}   p95 ${ms(d.p95)}   p99 ${ms(d.p99)}   max ${ms(d.max)}   (n=${d.n})`;
const wallNow = (): number => performance.timeOrigin + performance.now();
const say = (text = ''): void => void process.stdout.write(`${text}\n`);

// ---- the run ----------------------------------------------------------------------------

let own: Pick<OwnStack, 'stop' | 'killNow' | 'dir'> | undefined;
let interrupted = false;

async function run(): Promise<number> {
  checkTexts();
  let target: LoadTarget;
  if (values.url) {
    const token = values['twilio-token'] ?? process.env.TWILIO_AUTH_TOKEN;
    if (!token) {
      process.stderr.write('loadtest: --url needs --twilio-token (or $TWILIO_AUTH_TOKEN) to sign SMS webhooks\n');
      return 2;
    }
    const httpUrl = loopbackOnly(values.url, 'url');
    target = {
      httpUrl,
      publicUrl: (values['public-url'] ?? httpUrl).replace(/\/+$/, ''),
      twilioAuthToken: token,
      ...(values.dynamodb ? { dynamoDbEndpoint: loopbackOnly(values.dynamodb, 'dynamodb') } : {}),
    };
  } else {
    say('[loadtest] starting a local stack on free ports…');
    const started = await startOwnStack(
      (handle) => (own = handle),
      pageBudget === undefined ? {} : { TIPLINE_PAGE_BUDGET_PER_REGION_HOUR: String(pageBudget) },
    );
    target = started;
    say(`[loadtest] stack up at ${started.httpUrl} (data ${started.dir})`);
  }
  if (interrupted) return 130;

  // Every simulated web tipster gets its own loopback address, as real tipsters have their own.
  const distinctAddresses = await canBind(target.httpUrl, '127.1.0.1');
  const webUrl = `${target.httpUrl}/api/tips`;
  const smsUrl = `${target.httpUrl}/sms/twilio`;
  const signedUrl = `${target.publicUrl}/sms/twilio`;

  // Plan every request up front: the schedule must not wait for signing or text building.
  const plan: Planned[] = [];
  const sentSms: Planned[] = [];
  let webCount = 0;
  const start = wallNow() + 200;
  // Other work on the machine moves every figure here: say how busy it was.
  const loadBefore = loadavg()[0]!;
  for (let index = 0; index < total; index++) {
    const dueAt = start + (index * 1000) / rate;
    if (flood) {
      const critical = random() < criticalShare;
      const marker = newMarker();
      const k = (index % sources) + 1;
      plan.push({
        index,
        kind: 'web',
        marker,
        critical,
        dueAt,
        webBody: JSON.stringify({ text: `${floodText(pick, critical)} ref ${marker}`, signals: FLOOD_SIGNALS }),
        headers: { 'x-forwarded-for': forwardedFor(random) },
        ...(distinctAddresses && sources > 1 ? { localAddress: `127.1.${(k >> 8) & 255}.${k & 255}` } : {}),
      });
      continue;
    }
    if (random() < smsShare) {
      if (sentSms.length >= 5 && random() < replayShare) {
        // A Twilio retry: the very same request again, a little later.
        const original = pick(sentSms.slice(-50));
        plan.push({ ...original, index, kind: 'sms-replay', dueAt });
        continue;
      }
      const critical = random() < criticalShare;
      const marker = newMarker();
      const params = twilioWebhook({
        Body: `${pick(critical ? CRITICAL_TEXTS : ORDINARY_TEXTS)} ref ${marker}`,
        // Distinct senders: one sender's messages would thread into one tip and meet its rate limit.
        From: `+5198${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
      });
      const planned: Planned = { index, kind: 'sms', marker, critical, dueAt, params, signature: signTwilio(target.twilioAuthToken, signedUrl, params) };
      plan.push(planned);
      sentSms.push(planned);
    } else {
      const critical = random() < criticalShare;
      const marker = newMarker();
      const k = Math.floor(webCount++ / WEB_TIPS_PER_ADDRESS) + 1;
      plan.push({
        index,
        kind: 'web',
        marker,
        critical,
        dueAt,
        webBody: JSON.stringify({ text: `${pick(critical ? CRITICAL_TEXTS : ORDINARY_TEXTS)} ref ${marker}` }),
        ...(distinctAddresses ? { localAddress: `127.1.${(k >> 8) & 255}.${k & 255}` } : {}),
      });
    }
  }

  const byMarker = new Map<string, Planned>();
  for (const p of plan) if (p.kind !== 'sms-replay') byMarker.set(p.marker, p);
  const outcomes: Array<Outcome | undefined> = new Array(plan.length);
  const acceptedMarkers = new Set<string>();
  let inFlight = 0;
  let skipped = 0;
  let maxLagMs = 0;

  const stored = new Map<string, StoredSighting>();
  const pages = new Map<string, PageSighting[]>();
  // The oldest tip not yet seen stored nor refused: scans only look at what came after it.
  const rejected = new Set<string>();
  const tipsInOrder = plan.filter((p) => p.kind !== 'sms-replay');
  let oldest = 0;
  const oldestPending = (): number => {
    while (oldest < tipsInOrder.length && (stored.has(tipsInOrder[oldest]!.marker) || rejected.has(tipsInOrder[oldest]!.marker))) oldest++;
    return Math.min(oldest < tipsInOrder.length ? tipsInOrder[oldest]!.dueAt : Infinity, wallNow());
  };
  const watchers = new AbortController();
  const storedWatch = target.dynamoDbEndpoint
    ? watchStored(target.dynamoDbEndpoint, oldestPending, MARKER, (m) => byMarker.has(m), stored, watchers.signal)
    : undefined;
  const pageWatch = watchPages(target.httpUrl, start - 1_000, pages, watchers.signal);

  const fire = (p: Planned): void => {
    const lag = wallNow() - p.dueAt;
    if (lag > maxLagMs) maxLagMs = lag;
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped++;
      return;
    }
    inFlight++;
    const sent =
      p.kind === 'web'
        ? post(webUrl, { 'content-type': 'application/json', ...p.headers }, p.webBody!, p.localAddress)
        : post(smsUrl, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': p.signature! }, new URLSearchParams(p.params).toString());
    sent
      .then(
        ({ status }) => {
          outcomes[p.index] = { status, latencyMs: wallNow() - p.dueAt };
          if (status >= 200 && status < 300) {
            acceptedMarkers.add(p.marker);
            rejected.delete(p.marker);
          } else if (!acceptedMarkers.has(p.marker)) rejected.add(p.marker);
        },
        (error: unknown) => {
          outcomes[p.index] = { status: 0, latencyMs: wallNow() - p.dueAt, error: error instanceof Error ? error.message : 'error' };
          if (!acceptedMarkers.has(p.marker)) rejected.add(p.marker);
        },
      )
      .finally(() => inFlight--);
  };

  say(
    flood
      ? `[loadtest] flood: ${total} web tips at ${rate}/s for ${seconds} s, each "under 18" + "happening now" with a new X-Forwarded-For, from ${sources} address(es); ${Math.round(criticalShare * 100)}% critical in their words, the rest "hola"`
      : `[loadtest] sending ${total} requests at ${rate}/s for ${seconds} s (open loop; ${Math.round(smsShare * 100)}% SMS, ${Math.round(criticalShare * 100)}% critical, ${Math.round(replayShare * 100)}% of SMS replayed)`,
  );
  if (!distinctAddresses) say('[loadtest] note: cannot bind 127.1.x.x here; every web tip comes from 127.0.0.1 and meets its rate limit (429s)');
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      if (interrupted) return resolve();
      const now = wallNow();
      while (next < plan.length && plan[next]!.dueAt <= now) fire(plan[next++]!);
      if (next >= plan.length) return resolve();
      setTimeout(tick, Math.max(0, plan[next]!.dueAt - wallNow()));
    };
    setTimeout(tick, Math.max(0, start - wallNow()));
  });
  const sendingEnded = wallNow();
  while (inFlight > 0 && !interrupted && wallNow() - sendingEnded < REQUEST_TIMEOUT_MS + 5_000) await new Promise((r) => setTimeout(r, 50));

  // Drain: until every accepted tip is stored and every stored critical tip paged, or time is up.
  const criticalAccepted = () => [...acceptedMarkers].filter((m) => byMarker.get(m)?.critical);
  const pagedAt = (marker: string): PageSighting | undefined => {
    const s = stored.get(marker);
    if (!s?.tipId) return undefined;
    const due = byMarker.get(marker)!.dueAt;
    return (pages.get(s.tipId.slice(0, 4)) ?? []).filter((p) => p.at >= due - 1_000).sort((a, b) => a.at - b.at)[0];
  };
  const drainStart = wallNow();
  // A flood's critical tips are not all paged (that is the point): it waits until every tip is
  // stored and no page has left for a while.
  let pagesSeen = 0;
  let quietSince = wallNow();
  const FLOOD_QUIET_MS = 8_000;
  while (!interrupted && wallNow() - drainStart < drainSeconds * 1000) {
    const allStored = !storedWatch || [...acceptedMarkers].every((m) => stored.has(m));
    const seen = [...pages.values()].reduce((n, list) => n + list.length, 0);
    if (seen !== pagesSeen || !allStored) [pagesSeen, quietSince] = [seen, wallNow()];
    const allPaged = flood ? wallNow() - quietSince > FLOOD_QUIET_MS : !storedWatch || criticalAccepted().every((m) => pagedAt(m));
    if (allStored && allPaged) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const drainedMs = wallNow() - drainStart;
  // One last look after the end, so nothing stored in the final poll interval is missed.
  await new Promise((r) => setTimeout(r, 600));
  watchers.abort();
  const storedStats = await storedWatch;
  const pageStats = await pageWatch;
  if (interrupted) return 130;

  // ---- counting ----
  const done = outcomes.filter((o): o is Outcome => o !== undefined);
  const count = (f: (o: Outcome) => boolean) => done.filter(f).length;
  const accepted = count((o) => o.status >= 200 && o.status < 300);
  const storedMarkers = [...acceptedMarkers].filter((m) => stored.has(m));
  const lostMarkers = [...acceptedMarkers].filter((m) => !stored.has(m));
  const duplicated = [...stored.values()].reduce((a, s) => a + Math.max(0, s.messageIds.size - 1), 0);
  const tipToStored = storedMarkers.map((m) => stored.get(m)!.firstSeenAt - byMarker.get(m)!.dueAt);
  const queueToStored = storedMarkers.map((m) => stored.get(m)!.firstSeenAt - stored.get(m)!.receivedAt);
  const paged = criticalAccepted()
    .map((m) => ({ m, page: pagedAt(m) }))
    .filter((x): x is { m: string; page: PageSighting } => x.page !== undefined);
  const tipToPage = paged.map(({ m, page }) => page.at - byMarker.get(m)!.dueAt);
  const tipToPageSeen = paged.map(({ m, page }) => page.firstSeenAt - byMarker.get(m)!.dueAt);
  const criticalStored = criticalAccepted().filter((m) => stored.has(m)).length;
  const intake = done.map((o) => o.latencyMs);
  const intakeOf = (kind: 'sms' | 'web') =>
    plan.filter((p) => (kind === 'web') === (p.kind === 'web')).flatMap((p) => (outcomes[p.index] ? [outcomes[p.index]!.latencyMs] : []));
  // Timed out or cut off, yet stored: the server took the tip, the client never heard.
  const storedUnanswered = [...stored.keys()].filter((m) => !acceptedMarkers.has(m)).length;
  const errors = new Map<string, number>();
  for (const o of done) if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1);
  const cpu = cpus();
  const floodFigures = flood && target.dynamoDbEndpoint ? await floodCounts(target.dynamoDbEndpoint) : null;

  async function floodCounts(endpoint: string) {
    const tipIds = storedMarkers.flatMap((m) => (stored.get(m)?.tipId ? [stored.get(m)!.tipId!] : []));
    const pageSms = tipIds.map((id) => (pages.get(id.slice(0, 4)) ?? []).length);
    const outcome: PagingOutcome = await pagingOutcome(endpoint, tipIds);
    const budget = pageBudget ?? PAGING_GUARDS.defaultBudgetPerHour;
    const sent = pageSms.reduce((a, n) => a + n, 0);
    return {
      pageBudgetPerRegionHour: budget,
      budgetAssumed: pageBudget === undefined && !own,
      accepted: acceptedMarkers.size,
      refused429: count((o) => o.status === 429),
      acceptedCritical: criticalAccepted().length,
      acceptedFormOnly: acceptedMarkers.size - criticalAccepted().length,
      pagesStarted: pageSms.filter((n) => n > 0).length,
      pageSms: sent,
      ...outcome,
      supervisorNotices: await budgetNotices(target.httpUrl, start - 1_000),
      pageSmsWithinBudget: sent <= budget,
    };
  }

  const report = {
    tool: 'tipline-loadtest',
    at: new Date().toISOString(),
    target: own ? 'own local stack' : target.httpUrl,
    rate,
    seconds,
    mix: { sms: smsShare, critical: criticalShare, replay: replayShare, seed, distinctWebAddresses: distinctAddresses },
    sent: done.length + skipped,
    planned: total,
    sms: plan.filter((p) => p.kind === 'sms').length,
    smsReplays: plan.filter((p) => p.kind === 'sms-replay').length,
    web: plan.filter((p) => p.kind === 'web').length,
    accepted,
    acceptedTips: acceptedMarkers.size,
    tooMany429: count((o) => o.status === 429),
    client4xx: count((o) => o.status >= 400 && o.status < 500 && o.status !== 429),
    server5xx: count((o) => o.status >= 500),
    networkErrors: count((o) => o.status === 0),
    skippedOverInFlightCap: skipped,
    stored: storedWatch ? storedMarkers.length : null,
    lost: storedWatch ? lostMarkers.length : null,
    duplicated: storedWatch ? duplicated : null,
    criticalAccepted: criticalAccepted().length,
    criticalStored: storedWatch ? criticalStored : null,
    criticalPaged: storedWatch ? paged.length : null,
    flood: floodFigures,
    drainMs: Math.round(drainedMs),
    maxSchedulerLagMs: round(maxLagMs),
    storedUnanswered: storedWatch ? storedUnanswered : null,
    intakeMs: dist(intake),
    intakeSmsMs: dist(intakeOf('sms')),
    intakeWebMs: dist(intakeOf('web')),
    tipToStoredMs: dist(tipToStored),
    queueToStoredMs: dist(queueToStored),
    tipToPageMs: dist(tipToPage),
    tipToPageFirstSeenMs: dist(tipToPageSeen),
    resolution: {
      storedPollMs: storedStats ? dist(storedStats.intervalsMs) : null,
      outboxPollMs: dist(pageStats.intervalsMs),
    },
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      node: process.version,
      os: `${platform()} ${release()} ${arch()}`,
      loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]!) },
    },
  };

  say();
  say(`tipline load test: ${rate} requests/s for ${seconds} s against ${report.target}`);
  for (const l of machineLines()) say(`  ${l}`);
  say(
    `  load     1-minute load average ${report.machine.loadAverage1m.before} before, ${report.machine.loadAverage1m.after} after (the stack and this tool included)`,
  );
  say();
  say(`  sent        ${report.sent} (${report.sms} SMS, ${report.smsReplays} SMS replays of an earlier MessageSid, ${report.web} web)`);
  say(`  accepted    ${accepted} (2xx), ${acceptedMarkers.size} distinct tips`);
  say(
    `  429         ${report.tooMany429}    other 4xx ${report.client4xx}    5xx ${report.server5xx}    network errors ${report.networkErrors}    not sent (in-flight cap) ${skipped}`,
  );
  if (errors.size) say(`  errors      ${[...errors].map(([e, n]) => `${e} ×${n}`).join(', ')}`);
  if (storedWatch) {
    say(
      `  stored      ${storedMarkers.length}    lost ${lostMarkers.length}    duplicated ${duplicated}    (after ${(drainedMs / 1000).toFixed(1)} s of drain)`,
    );
    if (storedUnanswered) say(`              and ${storedUnanswered} stored whose answer never reached the client (timeout or reset)`);
    say(`  critical    ${report.criticalAccepted} accepted, ${criticalStored} stored, ${paged.length} paged`);
  } else {
    say('  stored      not measured (no --dynamodb)');
  }
  if (floodFigures) {
    const f = floodFigures;
    say();
    say(
      `  flood       ${f.accepted} tips accepted (${f.acceptedCritical} critical in their words, ${f.acceptedFormOnly} "hola" critical only on the form), ${f.refused429} refused (429)`,
    );
    say(
      `  paging      ${f.pagesStarted} pages started, ${f.pageSms} page SMS sent; budget ${f.pageBudgetPerRegionHour} per region and hour${f.budgetAssumed ? ' (assumed: the default)' : ''}: ${f.pageSmsWithinBudget ? 'within it' : 'EXCEEDED'}`,
    );
    say(
      `              ${f.held} held by the budget, ${f.covered} covered by an earlier page, ${f.none} not paged (the form-only ones wait for the high rule), ${f.supervisorNotices} supervisor notice(s)`,
    );
  }
  say();
  say(line('intake answer', report.intakeMs));
  say(line('  SMS webhook', report.intakeSmsMs));
  say(line('  web tip', report.intakeWebMs));
  say(line('tip-to-stored', report.tipToStoredMs));
  say(line('  intake-to-stored', report.queueToStoredMs));
  say(line('tip-to-page', report.tipToPageMs));
  say(line('  (first seen)', report.tipToPageFirstSeenMs));
  say();
  say(
    `  resolution: the Messages table was scanned every ${storedStats ? `${report.resolution.storedPollMs?.p50} ms (p50; max ${report.resolution.storedPollMs?.max} ms)` : 'n/a'};`,
  );
  say(`  tip-to-stored is the first scan that saw the item, minus the time the request was due, so it`);
  say(`  over-states by up to one scan interval. tip-to-page uses the local Twilio API's own timestamp`);
  say(`  of the page (ms); "first seen" polls the outbox every ${report.resolution.outboxPollMs.p50} ms. Scheduler lag max ${report.maxSchedulerLagMs} ms.`);
  if (lostMarkers.length) say(`  lost markers (first 10): ${lostMarkers.slice(0, 10).join(' ')}`);
  say(JSON.stringify(report));
  return report.server5xx > 0 || (report.lost ?? 0) > 0 || floodFigures?.pageSmsWithinBudget === false ? 3 : 0;
}

async function cleanup(keep: boolean): Promise<void> {
  agent.destroy();
  if (own) {
    const stack = own;
    own = undefined;
    await stack.stop(keep);
    if (keep) say(`[loadtest] kept ${stack.dir} (the stack's log is stack.log there)`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n[loadtest] ${signal}: stopping and removing the stack…\n`);
    void cleanup(values.keep).finally(() => process.exit(130));
  });
}
process.on('exit', () => own?.killNow());

run().then(
  async (code) => {
    await cleanup(values.keep || code === 3);
    process.exit(code);
  },
  async (error: unknown) => {
    process.stderr.write(`loadtest: ${error instanceof Error ? error.message : String(error)}\n`);
    await cleanup(values.keep);
    process.exit(1);
  },
);
