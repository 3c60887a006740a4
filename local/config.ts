// Configuration of the local stack, from the environment, with the documented defaults.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { ENV } from '../functions/config/env-names';
import { secretProblem } from '../functions/config/secret-rules';
import { DEV_ROUTES_OPT_IN, devRoutesMode, type DevRoutesMode } from './dev-routes';

/** The local stack's own configuration (no function reads these). */
export const LOCAL_ENV = {
  httpPort: 'TIPLINE_HTTP_PORT',
  dynamoDbPort: 'TIPLINE_DYNAMODB_PORT',
  sqsPort: 'TIPLINE_SQS_PORT',
  dataDir: 'TIPLINE_DATA_DIR',
  twilioPort: 'TIPLINE_TWILIO_PORT',
  /** Seconds the cleanup queue holds a job before Twilio's copy is deleted (60, as in AWS). */
  twilioCleanupDelaySeconds: 'TIPLINE_TWILIO_CLEANUP_DELAY_SECONDS',
  /** A real Twilio account's auth token, to check signatures of a real number pointed here. */
  twilioAuthToken: 'TWILIO_AUTH_TOKEN',
  /** `movable` (the default): POST /local/clock moves the paging clock; `wall`: SQS delays on the wall clock, as in AWS. */
  clock: 'TIPLINE_LOCAL_CLOCK',
} as const;

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The tip line's own number on the local stack: what tipsters text, and what replies and pages come from. */
export const LOCAL_TWILIO_NUMBER = '+51900000000';

const port = z.coerce.number().int().min(1).max(65535);
const schema = z.object({
  [LOCAL_ENV.httpPort]: port.default(3000),
  [LOCAL_ENV.dynamoDbPort]: port.default(8000),
  [LOCAL_ENV.sqsPort]: port.default(9324),
  [LOCAL_ENV.twilioPort]: port.default(3010),
  [LOCAL_ENV.twilioCleanupDelaySeconds]: z.coerce.number().int().min(0).max(900).default(60),
  [LOCAL_ENV.dataDir]: z.string().min(1).default(resolve(REPO_ROOT, '.tipline')),
  [LOCAL_ENV.clock]: z.enum(['movable', 'wall']).default('movable'),
  [ENV.publicUrl]: z.url().optional(),
  [ENV.emergencyNumbers]: z.string().optional(),
  [ENV.threadWindowMinutes]: z.coerce.number().int().min(1).optional(),
  // Lambda's default visibility would make a failed message wait minutes locally; the queue
  // keeps the AWS value unless a test asks for a shorter one.
  TIPLINE_LOCAL_VISIBILITY_TIMEOUT: z.coerce.number().int().min(1).optional(),
  TIPLINE_LOCAL_POLLERS: z.coerce.number().int().min(1).max(10).default(4),
  [DEV_ROUTES_OPT_IN.variable]: z.literal(DEV_ROUTES_OPT_IN.value, { error: `set it to exactly ${DEV_ROUTES_OPT_IN.value}, or leave it unset` }).optional(),
});

export interface LocalConfig {
  httpPort: number;
  dynamoDbPort: number;
  sqsPort: number;
  twilioPort: number;
  twilioCleanupDelaySeconds: number;
  dataDir: string;
  /** Whether POST /local/clock moves the clock that paging deadlines run on. */
  clock: 'movable' | 'wall';
  publicUrl: string;
  emergencyNumbers?: string;
  threadWindowMinutes?: number;
  visibilityTimeoutSeconds?: number;
  pollers: number;
  /** Whether `/local/*` and the dashboard's demo sign-in answer at all (local/dev-routes.ts). */
  devRoutes: DevRoutesMode;
  /** TWILIO_AUTH_TOKEN, checked; unset, the generated local token is used. */
  twilioAuthToken?: string;
}

/** A configuration that must not start, with what to set. */
export class LocalConfigInvalid extends Error {
  override name = 'LocalConfigInvalid';
}

/**
 * The Twilio token a real number needs. Given, it must pass the shared rule; unset with a public
 * URL, every real webhook would fail its signature check (403) against the generated token.
 */
function twilioAuthToken(given: string | undefined, publicUrl: string, devRoutes: DevRoutesMode): string | undefined {
  const name = LOCAL_ENV.twilioAuthToken;
  const todo = "set it to your Twilio account's auth token (Twilio Console, Account info), or unset it to use the generated local one";
  if (given === '') throw new LocalConfigInvalid(`${name} is set but empty: ${todo}.`);
  if (given !== undefined) {
    const problem = secretProblem('twilioAuthToken', given, 'local');
    if (problem !== undefined) throw new LocalConfigInvalid(`${name} ${problem}: ${todo}.`);
    return given.trim();
  }
  if (devRoutes.why !== 'loopback-public-url') {
    throw new LocalConfigInvalid(
      `${ENV.publicUrl} is ${publicUrl}, so Twilio is expected to call this stack, and Twilio signs every webhook with your account's auth token: ` +
        `set ${name} to it (Twilio Console, Account info). The generated local token would refuse every real message with 403.`,
    );
  }
  return undefined;
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new LocalConfigInvalid(`Local stack configuration is invalid (${names}). See README "Configuration".`);
  }
  const c = parsed.data;
  const httpPort = c[LOCAL_ENV.httpPort];
  const publicUrl = (c[ENV.publicUrl] ?? `http://127.0.0.1:${httpPort}`).replace(/\/+$/, '');
  const devRoutes = devRoutesMode(publicUrl, c[DEV_ROUTES_OPT_IN.variable] !== undefined);
  const token = twilioAuthToken(env[LOCAL_ENV.twilioAuthToken], publicUrl, devRoutes);
  return {
    httpPort,
    dynamoDbPort: c[LOCAL_ENV.dynamoDbPort],
    sqsPort: c[LOCAL_ENV.sqsPort],
    twilioPort: c[LOCAL_ENV.twilioPort],
    twilioCleanupDelaySeconds: c[LOCAL_ENV.twilioCleanupDelaySeconds],
    dataDir: resolve(c[LOCAL_ENV.dataDir]),
    clock: c[LOCAL_ENV.clock],
    publicUrl,
    ...(c[ENV.emergencyNumbers] ? { emergencyNumbers: c[ENV.emergencyNumbers] } : {}),
    ...(c[ENV.threadWindowMinutes] ? { threadWindowMinutes: c[ENV.threadWindowMinutes] } : {}),
    ...(c.TIPLINE_LOCAL_VISIBILITY_TIMEOUT ? { visibilityTimeoutSeconds: c.TIPLINE_LOCAL_VISIBILITY_TIMEOUT } : {}),
    pollers: c.TIPLINE_LOCAL_POLLERS,
    devRoutes,
    ...(token === undefined ? {} : { twilioAuthToken: token }),
  };
}
