// Structured logs that cannot carry a tipster's data: handlers log messages and a few named
// fields, never an event, a body or a sender. Powertools' Logger gives the JSON shape and
// the request correlation.
import { Logger } from '@aws-lambda-powertools/logger';

/** The only extra fields a log line may carry. */
export interface LogFields {
  outcome?: string;
  messageId?: string;
  tipId?: string;
  level?: string;
  channel?: string;
  count?: number;
  status?: number;
  errorName?: string;
  route?: string;
}

export interface TiplineLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function createLogger(serviceName: string): TiplineLogger {
  const logger = new Logger({ serviceName, logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
  return {
    info: (message, fields) => logger.info(message, { ...fields }),
    warn: (message, fields) => logger.warn(message, { ...fields }),
    error: (message, fields) => logger.error(message, { ...fields }),
  };
}

/** Errors are logged by name only: messages and stacks of SDK errors can quote request data. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
