// Each handler validates the environment it needs once, at cold start, and fails fast with
// the name of what is missing.
import * as z from 'zod';
import { DEFAULT_EMERGENCY_NUMBERS, DEFAULT_THREAD_WINDOW_MINUTES } from './defaults';
import { ENV } from './env-names';

export class InvalidConfiguration extends Error {
  override name = 'InvalidConfiguration';
}

export function readConfig<T extends z.ZodRawShape>(shape: T): z.infer<z.ZodObject<T>> {
  const parsed = z.object(shape).safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new InvalidConfiguration(`Missing or invalid environment: ${names}. See README "Configuration".`);
  }
  return parsed.data;
}


export const configShapes = {
  tipsQueue: { [ENV.tipsQueueUrl]: z.url() },
  publicUrl: { [ENV.publicUrl]: z.url().transform((url) => url.replace(/\/+$/, '')) },
  emergencyNumbers: { [ENV.emergencyNumbers]: z.string().default(DEFAULT_EMERGENCY_NUMBERS) },
  tipsTable: { [ENV.tipsTable]: z.string().min(3) },
  messagesTable: { [ENV.messagesTable]: z.string().min(3) },
  contactsTable: { [ENV.contactsTable]: z.string().min(3) },
  receiptsTable: { [ENV.receiptsTable]: z.string().min(3) },
  contactVaultTable: { [ENV.contactVaultTable]: z.string().min(3) },
  auditTable: { [ENV.auditTable]: z.string().min(3) },
  rosterTable: { [ENV.rosterTable]: z.string().min(3) },
  responderContactsTable: { [ENV.responderContactsTable]: z.string().min(3) },
  jwt: {
    [ENV.jwtIssuer]: z.url(),
    [ENV.jwtAudience]: z.string().min(1),
    [ENV.jwtJwksUri]: z.url().optional(),
  },
  pagingTables: {
    [ENV.rosterTable]: z.string().min(3),
    [ENV.pagingTable]: z.string().min(3),
    [ENV.pageDeliveriesTable]: z.string().min(3),
  },
  pagingQueue: { [ENV.pagingQueueUrl]: z.url() },
  highUnclaimed: { [ENV.highUnclaimedPageAfterMinutes]: z.coerce.number().int().min(1).max(240).default(15) },
  threadWindow: { [ENV.threadWindowMinutes]: z.coerce.number().int().min(1).max(24 * 60).default(DEFAULT_THREAD_WINDOW_MINUTES) },
} as const;
