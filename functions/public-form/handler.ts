// The public tip form, rendered on the server so that it works with JavaScript off (Tor
// Browser's safest mode, old phones): GET / shows it, and every step (send a tip, switch
// language, open the receipt inbox, answer) posts back to /, so the address bar never changes
// and no step leaves a telling URL in the history. The enhanced page uses the JSON routes.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient, sqsClient } from '../adapters/aws-clients';
import { dynamoReceipts } from '../adapters/dynamo-receipts';
import { dynamoThreadReader } from '../adapters/dynamo-tip-store';
import { answerError, bodyText, clientAddress, json, parseJsonBody, requireContentType, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { loadReceiptPepper } from '../adapters/secrets';
import { sqsTipQueue } from '../adapters/sqs-queue';
import { DEFAULT_QUICK_EXIT_URL } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { parseEmergencyNumbers, withPlace } from '../core/acknowledgement';
import { InvalidRequest, PayloadTooLarge, TooManyRequests, UnsupportedMediaType } from '../core/errors';
import { tipFromWeb } from '../core/intake';
import { DailyKeyedHash, FixedWindowLimiter } from '../core/rate-limit';
import { formatReceiptCode, hashReceiptCode, InvalidReceiptCode, newReceiptCode } from '../core/receipt';
import { openInbox, WrongReceipt } from '../core/receipt-inbox';
import { LANGS } from '../core/tip';
import { FORM_LIMITS, formPage, inboxPage, receiptPage, type FieldProblem, type FormLang, type TipFormValues } from './pages';

const config = readConfig({
  ...configShapes.tipsQueue,
  ...configShapes.emergencyNumbers,
  ...configShapes.receiptsTable,
  ...configShapes.messagesTable,
  [ENV.quickExitUrl]: z.url().default(DEFAULT_QUICK_EXIT_URL),
});
const emergencyNumbers = parseEmergencyNumbers(config[ENV.emergencyNumbers]);
const quickExitUrl = config[ENV.quickExitUrl];
const queue = sqsTipQueue(sqsClient(), config[ENV.tipsQueueUrl]);
const dynamo = documentClient();
// The thread only: the inbox never reads the tip itself (its level, indicators, operators).
const thread = dynamoThreadReader(dynamo, config[ENV.messagesTable]);
const receipts = dynamoReceipts(dynamo, config[ENV.receiptsTable]);
const logger = createLogger('public-form');

// In memory only, under a key that changes daily: see core/rate-limit.
const senders = new DailyKeyedHash();
const tipsPerSender = new FixedWindowLimiter(20, 10 * 60_000);
// Receipt codes are 16 digits and hashed slowly; this makes guessing slower still.
const inboxAttemptsPerSender = new FixedWindowLimiter(10, 10 * 60_000);

// connect-src: the enhanced form talks to /api/* on this origin, and nowhere else.
const FORM_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const MAX_BODY_BYTES = 32 * 1024;
const LANG = z.enum(LANGS).catch('es');

function html(statusCode: number, body: string): HttpResult {
  return { statusCode, headers: { ...SAFE_HEADERS, 'content-security-policy': FORM_CSP, 'content-type': 'text/html; charset=utf-8' }, body };
}

function senderKey(event: APIGatewayProxyEventV2, now: Date): string {
  return senders.hash(clientAddress(event), now);
}

async function inbox(code: string) {
  const pepper = await loadReceiptPepper();
  return openInbox(code, { hash: (c) => hashReceiptCode(c, pepper), tipFor: receipts.tipFor, thread: (tipId) => thread.listMessages(tipId) });
}

// ---- the form's fields, as a browser posts them ---------------------------------------------

function formValues(fields: URLSearchParams): TipFormValues {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | '' => {
    const value = fields.get(name) ?? '';
    return (allowed as readonly string[]).includes(value) ? (value as T) : '';
  };
  return {
    text: (fields.get('text') ?? '').slice(0, FORM_LIMITS.text * 2),
    where: (fields.get('where') ?? '').slice(0, FORM_LIMITS.where * 2),
    minor: pick('minor', ['yes', 'no', 'unknown'] as const),
    now: pick('now', ['yes', 'no'] as const),
    followUp: pick('followUp', ['receipt', 'none'] as const),
  };
}

function problems(values: TipFormValues): Partial<Record<keyof TipFormValues, FieldProblem>> {
  const found: Partial<Record<keyof TipFormValues, FieldProblem>> = {};
  if (!values.text.trim()) found.text = 'required';
  else if (values.text.length > FORM_LIMITS.text) found.text = 'too_long';
  if (values.where.length > FORM_LIMITS.where) found.where = 'too_long';
  return found;
}

async function queueWebTip(input: { text: string; lang: FormLang; signals?: { minor?: 'yes' | 'no' | 'unknown'; happeningNow?: boolean }; receipt: boolean; followUpOf?: string }, now: Date) {
  const receipt = input.receipt ? newReceiptCode() : undefined;
  const tip = tipFromWeb({
    messageId: `web_${randomUUID()}`,
    text: input.text,
    lang: input.lang,
    ...(input.signals ? { signals: input.signals } : {}),
    ...(receipt ? { receiptHash: await hashReceiptCode(receipt, await loadReceiptPepper()) } : {}),
    ...(input.followUpOf ? { followUpOf: input.followUpOf } : {}),
    receivedAt: now,
  });
  await queue.send(tip);
  logger.info('tip queued', { messageId: tip.messageId, channel: 'web', outcome: input.followUpOf ? 'follow_up' : 'new' });
  return receipt ? formatReceiptCode(receipt) : '';
}

// ---- the HTML steps ---------------------------------------------------------------------------

async function postForm(event: APIGatewayProxyEventV2, now: Date): Promise<HttpResult> {
  requireContentType(event, 'application/x-www-form-urlencoded');
  const fields = new URLSearchParams(bodyText(event, MAX_BODY_BYTES));
  const lang = LANG.parse(fields.get('lang'));
  const common = { lang, emergencyNumbers, quickExitUrl };
  const action = fields.get('action');
  switch (action) {
    case 'tip': {
      const values = formValues(fields);
      const errors = problems(values);
      if (Object.keys(errors).length) return html(400, formPage({ ...common, values, errors }));
      if (!tipsPerSender.allow(senderKey(event, now), now.getTime())) return html(429, formPage({ ...common, values, notice: 'rate_limited' }));
      const receipt = await queueWebTip(
        {
          text: withPlace(values.text.trim(), values.where, lang),
          lang,
          signals: { ...(values.minor ? { minor: values.minor } : {}), ...(values.now ? { happeningNow: values.now === 'yes' } : {}) },
          receipt: values.followUp !== 'none',
        },
        now,
      );
      return html(200, receiptPage({ ...common, receipt, followUp: values.followUp !== 'none' }));
    }
    case 'inbox':
    case 'reply': {
      const code = fields.get('receipt') ?? '';
      const typed = (fields.get('text') ?? '').trim();
      const receiptValue = code.slice(0, 64);
      if (!inboxAttemptsPerSender.allow(senderKey(event, now), now.getTime())) {
        // Keep a half-written answer: the tipster can send it in a few minutes.
        return html(429, formPage({ ...common, inboxError: 'rate_limited', receiptValue }));
      }
      let opened;
      try {
        opened = await inbox(code);
      } catch (error: unknown) {
        if (error instanceof InvalidReceiptCode) return html(400, formPage({ ...common, inboxError: 'invalid', receiptValue }));
        if (error instanceof WrongReceipt) return html(401, formPage({ ...common, inboxError: 'wrong_code', receiptValue }));
        throw error;
      }
      const receipt = formatReceiptCode(code.replace(/\D/g, ''));
      // "See new answers" posts the reply form too: what was typed comes back filled in.
      if (action === 'inbox') return html(200, inboxPage({ ...common, receipt, entries: opened.entries, ...(typed ? { replyValue: typed.slice(0, FORM_LIMITS.reply * 2) } : {}) }));
      const text = typed;
      const replyError: FieldProblem | undefined = !text ? 'required' : text.length > FORM_LIMITS.reply ? 'too_long' : undefined;
      if (replyError) return html(400, inboxPage({ ...common, receipt, entries: opened.entries, replyValue: text.slice(0, FORM_LIMITS.reply * 2), replyError }));
      await queueWebTip({ text, lang, receipt: false, followUpOf: opened.tipId }, now);
      return html(200, inboxPage({ ...common, receipt, entries: [...opened.entries, { kind: 'in', at: now.toISOString(), text }], sent: true }));
    }
    default:
      // Also 'lang': the same form again, in the chosen language, with what was typed so far.
      return html(200, formPage({ ...common, values: formValues(fields) }));
  }
}

// ---- the JSON routes of the enhanced form ------------------------------------------------------

const receiptBody = z.strictObject({ receipt: z.string().max(64) });
const replyBody = z.strictObject({
  receipt: z.string().max(64),
  text: z.string().trim().min(1, 'text is required').max(FORM_LIMITS.reply, `text must be at most ${FORM_LIMITS.reply} characters`),
  lang: z.enum(LANGS).optional(),
});

async function inboxJson(event: APIGatewayProxyEventV2, now: Date, reply: boolean): Promise<HttpResult> {
  if (!inboxAttemptsPerSender.allow(senderKey(event, now), now.getTime())) throw new TooManyRequests();
  try {
    if (!reply) {
      const { receipt } = parseJsonBody(event, receiptBody, 1024, '{"receipt": "1234 5678 9012 3456"}');
      return json(200, { entries: (await inbox(receipt)).entries });
    }
    const body = parseJsonBody(event, replyBody, 16 * 1024, '{"receipt": "...", "text": "..."}');
    const opened = await inbox(body.receipt);
    await queueWebTip({ text: body.text, lang: body.lang ?? 'es', receipt: false, followUpOf: opened.tipId }, now);
    return json(202, { status: 'sent' });
  } catch (error: unknown) {
    if (error instanceof InvalidReceiptCode) throw new InvalidRequest(error.message, { receipt: error.message });
    if (error instanceof WrongReceipt) return json(401, { error: 'wrong_receipt', message: error.message });
    throw error;
  }
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  const now = new Date();
  try {
    switch (event.routeKey) {
      case 'GET /':
        return html(200, formPage({ lang: 'es', emergencyNumbers, quickExitUrl }));
      case 'POST /':
        return await postForm(event, now);
      case 'POST /api/inbox':
        return await inboxJson(event, now, false);
      case 'POST /api/inbox/reply':
        return await inboxJson(event, now, true);
      default:
        return json(404, { error: 'not_found', message: 'No such page.' });
    }
  } catch (error: unknown) {
    // A form post that is not one (wrong type, too big, not UTF-8): the form again, never a 5xx.
    if (event.routeKey === 'POST /' && (error instanceof InvalidRequest || error instanceof UnsupportedMediaType || error instanceof PayloadTooLarge)) {
      return html(400, formPage({ lang: 'es', emergencyNumbers, quickExitUrl, notice: 'try_again' }));
    }
    return answerError(error, logger, { route: event.routeKey });
  }
};
