// Structured logs that cannot carry a tipster's data: handlers log a message and a few named
// fields, never an event, a body or a sender. The allow-list is enforced at run time too, so a
// cast or a spread cannot slip a field through. Powertools' Logger gives the JSON shape and
// the request correlation.
import { Logger } from '@aws-lambda-powertools/logger';

/** The only extra fields a log line may carry. */
export interface LogFields {
  outcome?: string;
  messageId?: string;
  tipId?: string;
  /** A tip's urgency. Not "level": Powertools reserves that key for the log level. */
  urgency?: string;
  channel?: string;
  count?: number;
  status?: number;
  errorName?: string;
  route?: string;
}

const ALLOWED: ReadonlyArray<keyof LogFields> = ['outcome', 'messageId', 'tipId', 'urgency', 'channel', 'count', 'status', 'errorName', 'route'];
/** Values are ids, names and small numbers: anything longer is not what a field is for. */
const MAX_VALUE_LENGTH = 80;

export function allowedFields(fields: LogFields | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!fields) return out;
  for (const key of ALLOWED) {
    const value: unknown = fields[key];
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'string') out[key] = value.slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

export interface TiplineLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function createLogger(serviceName: string): TiplineLogger {
  // Powertools reads POWERTOOLS_LOG_LEVEL itself (INFO when unset).
  const logger = new Logger({ serviceName });
  return {
    info: (message, fields) => logger.info(message, allowedFields(fields)),
    warn: (message, fields) => logger.warn(message, allowedFields(fields)),
    error: (message, fields) => logger.error(message, allowedFields(fields)),
  };
}

/** Errors are logged by name only: messages and stacks of SDK errors can quote request data. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
