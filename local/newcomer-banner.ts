// The part of the start banner a newcomer drives the stack with: who is on call now (it depends
// on the date and on the paging clock), the commands to send a tip and ACK its page as that
// responder, and the clock command with this stack's real port.
import { DEFAULT_TIME_ZONE } from '../functions/core/paging';
import { LOCAL_ENV, type LocalConfig } from './config';
import type { LocalStack } from './stack';
import { describeChain } from './on-call-now';

/** A tip whose words make it critical in Madre de Dios, so that it pages at once. */
export const EXAMPLE_CRITICAL_TIP = 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI';

const shellQuote = (value: string): string => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

/** The variables `npm run sms` must share with this stack to find and sign for it. */
function sharedEnv(env: NodeJS.ProcessEnv): string {
  const names = [LOCAL_ENV.httpPort, LOCAL_ENV.dataDir, 'TIPLINE_PUBLIC_URL'];
  const set = names.filter((name) => env[name] !== undefined).map((name) => `${name}=${shellQuote(env[name]!)}`);
  return set.length > 0 ? `${set.join(' ')} ` : '';
}

const lima = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(at);

export async function newcomerLines(config: LocalConfig, stack: LocalStack, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const lines: string[] = [];
  const now = stack.clock.now();
  const offsetMinutes = Math.round(stack.clock.offsetMs() / 60_000);
  const clockNote = stack.clock.movable ? `wall clock + ${offsetMinutes} min` : `the wall clock (${LOCAL_ENV.clock}=wall)`;
  lines.push(`  paging clock        ${lima(now)} ${DEFAULT_TIME_ZONE} (${clockNote})`);
  const policies = await stack.onCall();
  lines.push('  on call now         (rotations hand off weekly: who answers depends on the date and the paging clock)');
  for (const policy of policies) lines.push(`    ${policy.region.padEnd(18)}${describeChain(policy.levels)}`);

  const sms = `${sharedEnv(env)}npm run sms --`;
  const local = policies.find((policy) => policy.region === 'Madre de Dios') ?? policies[0];
  const first = local?.levels.find((level) => level.responderId !== undefined);
  lines.push(`  send a test SMS     ${sms} "${EXAMPLE_CRITICAL_TIP}"`);
  if (first?.responderId) {
    lines.push(`  ACK its page        ${sms} --from responder:${first.responderId} "ACK <code>"   (the code ends the page ${first.responderId} gets)`);
  }
  if (config.devRoutes.on) {
    lines.push(`  outbox              curl -s localhost:${config.httpPort}/local/outbox   (every SMS sent: replies, pages)`);
    const deadline = local?.levels[0]?.deadlineMinutes ?? 10;
    if (stack.clock.movable) {
      lines.push(
        `  move the clock      curl -XPOST 'localhost:${config.httpPort}/local/clock?advanceMinutes=${deadline + 1}'   (an unanswered page escalates)`,
      );
    }
  }
  return lines;
}
