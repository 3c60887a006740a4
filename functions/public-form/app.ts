// The public tip form, rendered on the server so that it works with JavaScript off (Tor
// Browser's safest mode, old phones): GET / shows it, and every step (send a tip, switch
// language, open the receipt inbox, answer) posts back to /, so the address bar never changes
// and no step leaves a telling URL in the history. The enhanced page uses the JSON routes.
import { documentClient } from '../adapters/aws-clients';
import { secretsOf } from '../adapters/secrets';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { dynamoReceipts } from '../adapters/dynamo-receipts';
import { dynamoThreadReader } from '../adapters/dynamo-tip-store';
import { answerError, bodyText, clientAddress, json, parseJsonBody, requireContentType, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { dataKeysOf, sealerOf } from '../adapters/envelope';
import { awsPlatform, systemClock, type Platform } from '../adapters/platform';
import { sqsClient, sqsTipQueue } from '../adapters/sqs-queue';
import { DEFAULT_QUICK_EXIT_URL } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import { parseEmergencyNumbers, withPlace, type EmergencyNumber } from '../core/acknowledgement';
import { InvalidRequest, PayloadTooLarge, TooManyRequests, UnsupportedMediaType } from '../core/errors';
import { submitWebTip, type WebTipPorts, type WebTipSubmission } from '../core/intake/submit-web-tip';
import { INTAKE_LIMITS, SenderLimiter } from '../core/rate-limit';
import { formatReceiptCode, hashReceiptCode, InvalidReceiptCode } from '../core/receipt';
import { openInbox, WrongReceipt, type InboxPorts } from '../core/receipt-inbox';
import { LANGS } from '../core/tip';
import { FORM_LIMITS, formPage, inboxPage, receiptPage, type FieldProblem, type FormLang, type TipFormValues } from './pages';

export const configShape = {
  ...configShapes.tipsQueue,
  ...configShapes.emergencyNumbers,
  ...configShapes.receiptsTable,
  ...configShapes.messagesTable,
  [ENV.quickExitUrl]: z.url().default(DEFAULT_QUICK_EXIT_URL),
};

export interface PublicFormDeps extends WebTipPorts {
  /** The thread only: the inbox never reads the tip itself (its level, indicators, operators). */
  inbox: Omit<InboxPorts, 'hash'>;
  emergencyNumbers: EmergencyNumber[];
  quickExitUrl: string;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): PublicFormDeps {
  const config = readConfig(configShape, env);
  const thread = dynamoThreadReader(documentClient(platform), config[ENV.messagesTable]);
  const receipts = dynamoReceipts(documentClient(platform), config[ENV.receiptsTable]);
  return {
    tips: sqsTipQueue(sqsClient(platform), config[ENV.tipsQueueUrl]),
    sealEvidence: sealerOf(dataKeysOf(platform, env)),
    receiptPepper: secretsOf(platform, env).receiptPepper,
    newMessageId: () => `web_${randomUUID()}`,
    // Intake stamps the wall time, as Twilio and the queue do; the platform's clock is the one
    // decisions are made with (paging, reports), which tests may move.
    now: systemClock,
    inbox: { tipFor: receipts.tipFor, thread: (tipId) => thread.listMessages(tipId) },
    emergencyNumbers: parseEmergencyNumbers(config[ENV.emergencyNumbers]),
    quickExitUrl: config[ENV.quickExitUrl],
    logger: createLogger('public-form'),
  };
}

// connect-src: the enhanced form talks to /api/* on this origin, and nowhere else.
const FORM_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const MAX_BODY_BYTES = 32 * 1024;
const LANG = z.enum(LANGS).catch('es');

function html(statusCode: number, body: string): HttpResult {
  return { statusCode, headers: { ...SAFE_HEADERS, 'content-security-policy': FORM_CSP, 'content-type': 'text/html; charset=utf-8' }, body };
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

// ---- the HTML steps ---------------------------------------------------------------------------

async function postForm(form: Form, event: APIGatewayProxyEventV2, now: Date): Promise<HttpResult> {
  requireContentType(event, 'application/x-www-form-urlencoded');
  const fields = new URLSearchParams(bodyText(event, MAX_BODY_BYTES));
  const lang = LANG.parse(fields.get('lang'));
  const common = { lang, emergencyNumbers: form.deps.emergencyNumbers, quickExitUrl: form.deps.quickExitUrl };
  const action = fields.get('action');
  switch (action) {
    case 'tip': {
      const values = formValues(fields);
      const errors = problems(values);
      if (Object.keys(errors).length) return html(400, formPage({ ...common, values, errors }));
      if (!form.tipsPerSender.allow(clientAddress(event), now)) return html(429, formPage({ ...common, values, notice: 'rate_limited' }));
      const receipt = await form.queueWebTip({
        text: withPlace(values.text.trim(), values.where, lang),
        lang,
        signals: { ...(values.minor ? { minor: values.minor } : {}), ...(values.now ? { happeningNow: values.now === 'yes' } : {}) },
        receipt: values.followUp !== 'none',
      });
      return html(200, receiptPage({ ...common, receipt, followUp: values.followUp !== 'none' }));
    }
    case 'inbox':
    case 'reply': {
      const code = fields.get('receipt') ?? '';
      const typed = (fields.get('text') ?? '').trim();
      const receiptValue = code.slice(0, 64);
      if (!form.inboxAttempts.allow(clientAddress(event), now)) {
        // Keep a half-written answer: the tipster can send it in a few minutes.
        return html(429, formPage({ ...common, inboxError: 'rate_limited', receiptValue }));
      }
      let opened: Awaited<ReturnType<Form['inbox']>>;
      try {
        opened = await form.inbox(code);
      } catch (error: unknown) {
        if (error instanceof InvalidReceiptCode) return html(400, formPage({ ...common, inboxError: 'invalid', receiptValue }));
        if (error instanceof WrongReceipt) return html(401, formPage({ ...common, inboxError: 'wrong_code', receiptValue }));
        throw error;
      }
      const receipt = formatReceiptCode(code.replace(/\D/g, ''));
      // "See new answers" posts the reply form too: what was typed comes back filled in.
      if (action === 'inbox')
        return html(200, inboxPage({ ...common, receipt, entries: opened.entries, ...(typed ? { replyValue: typed.slice(0, FORM_LIMITS.reply * 2) } : {}) }));
      const text = typed;
      const replyError: FieldProblem | undefined = !text ? 'required' : text.length > FORM_LIMITS.reply ? 'too_long' : undefined;
      if (replyError)
        return html(400, inboxPage({ ...common, receipt, entries: opened.entries, replyValue: text.slice(0, FORM_LIMITS.reply * 2), replyError }));
      await form.queueWebTip({ text, lang, receipt: false, followUpOf: opened.tipId });
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

async function inboxJson(form: Form, event: APIGatewayProxyEventV2, now: Date, reply: boolean): Promise<HttpResult> {
  if (!form.inboxAttempts.allow(clientAddress(event), now)) throw new TooManyRequests();
  try {
    if (!reply) {
      const { receipt } = parseJsonBody(event, receiptBody, 1024, '{"receipt": "1234 5678 9012 3456"}');
      return json(200, { entries: (await form.inbox(receipt)).entries });
    }
    const body = parseJsonBody(event, replyBody, 16 * 1024, '{"receipt": "...", "text": "..."}');
    const opened = await form.inbox(body.receipt);
    await form.queueWebTip({ text: body.text, lang: body.lang ?? 'es', receipt: false, followUpOf: opened.tipId });
    return json(202, { status: 'sent' });
  } catch (error: unknown) {
    if (error instanceof InvalidReceiptCode) throw new InvalidRequest(error.message, { receipt: error.message });
    if (error instanceof WrongReceipt) return json(401, { error: 'wrong_receipt', message: error.message });
    throw error;
  }
}

/** What one running form keeps: its limits (in memory only, see core/rate-limit) and its ports. */
interface Form {
  deps: PublicFormDeps;
  tipsPerSender: SenderLimiter;
  inboxAttempts: SenderLimiter;
  inbox(code: string): ReturnType<typeof openInbox>;
  /** Queues a web tip; answers the formatted receipt code, or '' when none was asked for. */
  queueWebTip(submission: WebTipSubmission & { lang: FormLang }): Promise<string>;
}

function newForm(deps: PublicFormDeps): Form {
  return {
    deps,
    tipsPerSender: new SenderLimiter(INTAKE_LIMITS.webTipsPerSender.limit, INTAKE_LIMITS.webTipsPerSender.windowMs),
    inboxAttempts: new SenderLimiter(INTAKE_LIMITS.inboxAttemptsPerSender.limit, INTAKE_LIMITS.inboxAttemptsPerSender.windowMs),
    async inbox(code) {
      const pepper = await deps.receiptPepper();
      return openInbox(code, { hash: (c) => hashReceiptCode(c, pepper), ...deps.inbox });
    },
    async queueWebTip(submission) {
      const { tip, receipt = '' } = await submitWebTip(submission, deps);
      deps.logger.info('tip queued', { messageId: tip.messageId, channel: 'web', outcome: submission.followUpOf ? 'follow_up' : 'new' });
      return receipt;
    },
  };
}

export function makeHandler(deps: PublicFormDeps) {
  const form = newForm(deps);
  const { emergencyNumbers, quickExitUrl } = deps;
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const now = deps.now();
    try {
      switch (event.routeKey) {
        case 'GET /':
          return html(200, formPage({ lang: 'es', emergencyNumbers, quickExitUrl }));
        case 'POST /':
          return await postForm(form, event, now);
        case 'POST /api/inbox':
          return await inboxJson(form, event, now, false);
        case 'POST /api/inbox/reply':
          return await inboxJson(form, event, now, true);
        default:
          return json(404, { error: 'not_found', message: 'No such page.' });
      }
    } catch (error: unknown) {
      // A form post that is not one (wrong type, too big, not UTF-8): the form again, never a 5xx.
      if (event.routeKey === 'POST /' && (error instanceof InvalidRequest || error instanceof UnsupportedMediaType || error instanceof PayloadTooLarge)) {
        return html(400, formPage({ lang: 'es', emergencyNumbers, quickExitUrl, notice: 'try_again' }));
      }
      return answerError(error, deps.logger, { route: event.routeKey });
    }
  };
}
