// Each function validates the environment it is given once, at cold start, and fails fast with
// the name of what is missing. The environment is always passed in: nothing reads process.env
// but a function's Lambda entry (handler.ts).
import * as z from 'zod';
import {
  DEFAULT_EMERGENCY_NUMBERS,
  DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
  DEFAULT_THREAD_WINDOW_MINUTES,
  DEFAULT_REFERRAL_REMINDER_DAYS,
  MAX_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
  MAX_REFERRAL_REMINDER_DAYS,
} from './defaults';
import { ENV } from './env-names';

export type Env = Readonly<Record<string, string | undefined>>;

export class InvalidConfiguration extends Error {
  override name = 'InvalidConfiguration';
}

export function readConfig<T extends z.ZodRawShape>(shape: T, env: Env): z.infer<z.ZodObject<T>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new InvalidConfiguration(`Missing or invalid environment: ${names}. See README "Configuration".`);
  }
  return parsed.data;
}

const tableName = z.string().min(3);

export const configShapes = {
  tipsQueue: { [ENV.tipsQueueUrl]: z.url() },
  publicUrl: { [ENV.publicUrl]: z.url().transform((url) => url.replace(/\/+$/, '')) },
  emergencyNumbers: { [ENV.emergencyNumbers]: z.string().default(DEFAULT_EMERGENCY_NUMBERS) },
  tipsTable: { [ENV.tipsTable]: tableName },
  messagesTable: { [ENV.messagesTable]: tableName },
  contactsTable: { [ENV.contactsTable]: tableName },
  receiptsTable: { [ENV.receiptsTable]: tableName },
  contactVaultTable: { [ENV.contactVaultTable]: tableName },
  auditTable: { [ENV.auditTable]: tableName },
  rosterTable: { [ENV.rosterTable]: tableName },
  responderContactsTable: { [ENV.responderContactsTable]: tableName },
  pagingTable: { [ENV.pagingTable]: tableName },
  pageDeliveriesTable: { [ENV.pageDeliveriesTable]: tableName },
  evidenceTable: { [ENV.evidenceTable]: tableName },
  intakeMemoryTable: { [ENV.intakeMemoryTable]: tableName },
  casesTable: { [ENV.casesTable]: tableName },
  statisticsTable: { [ENV.statisticsTable]: tableName },
  /** Read by the overdue list (operator API) and the reminder sweep (paging): both must agree. */
  referralReminders: {
    [ENV.referralReminderDays]: z.coerce.number().int().min(1).max(MAX_REFERRAL_REMINDER_DAYS).default(DEFAULT_REFERRAL_REMINDER_DAYS),
  },
  jwt: {
    [ENV.jwtIssuer]: z.url(),
    [ENV.jwtAudience]: z.string().min(1),
    [ENV.jwtJwksUri]: z.url().optional(),
  },
  pagingQueue: { [ENV.pagingQueueUrl]: z.url() },
  /** Unset only where the platform brings its own staff directory (the local stack's demo users). */
  staffUserPool: { [ENV.staffUserPoolId]: z.string().min(1).max(55).optional() },
  highUnclaimed: {
    [ENV.highUnclaimedPageAfterMinutes]: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES)
      .default(DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES),
  },
  threadWindow: {
    [ENV.threadWindowMinutes]: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(DEFAULT_THREAD_WINDOW_MINUTES),
  },
  /** Read when a message is first sent, not at cold start: a deployment without Twilio must still start. */
  twilioAccount: { [ENV.twilioAccountSid]: z.string().optional() },
  twilioSender: { [ENV.twilioSender]: z.string().optional() },
} as const;
