// The ten functions as the local stack hosts them: each module's own `fromEnv`, given only the
// environment variables its configuration declares (as CDK gives each Lambda only its own), and
// the local platform. Nothing is put in process.env, so one function cannot read another's.
import type { Platform } from '../functions/adapters/platform';
import type { Env } from '../functions/config/runtime';
import { HANDLER_ENTRIES } from '../functions/config/tables';
import type { SqsHandler } from './event-source-mapping';
import type { HttpHandler } from './http-gateway';

export type FunctionName = keyof typeof HANDLER_ENTRIES;

interface FunctionModule<H> {
  configShape: Record<string, unknown>;
  fromEnv(env: Env, platform: Platform): unknown;
  makeHandler(deps: never): H;
}

/** The module beside each Lambda entry that holds its wiring (the entry itself wires from process.env). */
export const appModuleOf = (name: FunctionName): string => new URL(`../${HANDLER_ENTRIES[name].replace(/handler\.ts$/, 'app.ts')}`, import.meta.url).href;

/** Only the names this function's configuration reads, as its Lambda environment would hold. */
export function environmentFor(configShape: Record<string, unknown>, deployment: Env): Env {
  return Object.fromEntries(Object.keys(configShape).flatMap((name) => (deployment[name] === undefined ? [] : [[name, deployment[name]]])));
}

export async function hostFunction<H extends HttpHandler | SqsHandler>(name: FunctionName, deployment: Env, platform: Platform): Promise<H> {
  const module = (await import(appModuleOf(name))) as FunctionModule<H>;
  const deps = module.fromEnv(environmentFor(module.configShape, deployment), platform);
  return module.makeHandler(deps as never);
}
