// The public tip form, rendered on the server so that it works with JavaScript off (Tor
// Browser's safest mode, old phones): GET / shows it, and every step (send a tip, switch
// language, open the receipt inbox, answer) posts back to /, so the address bar never changes
// and no step leaves a telling URL in the history. The enhanced page uses the JSON routes.
//
// A browser sends a POST again when Back returns to its page (after a quick exit, whoever holds
// the phone may press it): each form carries a one-time token (core/form-token), and a post whose
// token is spent, expired or missing is answered 303 to `/`, the blank form. That is post-redirect-get
// where it costs nothing: the history entry becomes a GET of `/` and forgets what was posted. A
// receipt or a conversation is still shown in the answer to the post itself, the only place it can
// be shown once without a cookie or a URL.
import { documentClient } from '../adapters/aws-clients';
import { once, secretsOf } from '../adapters/secrets';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { dynamoFormMemory } from '../adapters/dynamo-intake-memory';
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
import { InvalidRequest, PayloadTooLarge, UnsupportedMediaType } from '../core/errors';
import { formTokenKey, issueFormToken, spendFormToken, type SpentFormTokens, type Spending } from '../core/form-token';
import { submitWebTip, type WebTipPorts, type WebTipSubmission } from '../core/intake/submit-web-tip';
import { INTAKE_LIMITS, SenderLimiter } from '../core/rate-limit';
import { formatReceiptCode, hashReceiptCode, InvalidReceiptCode } from '../core/receipt';
import { codeAttemptKey, InboxBusy, openInbox, WrongReceipt, type InboxPorts } from '../core/receipt-inbox';
import { LANGS } from '../core/tip';
import {
  FORM_LIMITS,
  formPage,
  inboxPage,
  receiptPage,
  type FieldProblem,
  type FormLang,
  type PageCommon,
  type StartTokens,
  type TipFormValues,
} from './pages';

export const configShape = {
  ...configShapes.tipsQueue,
  ...configShapes.emergencyNumbers,
  ...configShapes.receiptsTable,
  ...configShapes.messagesTable,
  // Spent form tokens and attempts per receipt code, under the form's own prefixes only.
  ...configShapes.intakeMemoryTable,
  [ENV.quickExitUrl]: z.url().default(DEFAULT_QUICK_EXIT_URL),
};

export interface PublicFormDeps extends WebTipPorts {
  /** The thread only: the inbox never reads the tip itself (its level, indicators, operators). */
  inbox: Pick<InboxPorts, 'tipFor' | 'thread' | 'countCodeAttempt'>;
  spentTokens: SpentFormTokens;
  emergencyNumbers: EmergencyNumber[];
  quickExitUrl: string;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): PublicFormDeps {
  const config = readConfig(configShape, env);
  const thread = dynamoThreadReader(documentClient(platform), config[ENV.messagesTable]);
  const receipts = dynamoReceipts(documentClient(platform), config[ENV.receiptsTable]);
  const memory = dynamoFormMemory(documentClient(platform), config[ENV.intakeMemoryTable]);
  return {
    tips: sqsTipQueue(sqsClient(platform), config[ENV.tipsQueueUrl]),
    sealEvidence: sealerOf(dataKeysOf(platform, env)),
    receiptPepper: secretsOf(platform, env).receiptPepper,
    newMessageId: () => `web_${randomUUID()}`,
    // Intake stamps the wall time, as Twilio and the queue do; the platform's clock is the one
    // decisions are made with (paging, reports), which tests may move.
    now: systemClock,
    inbox: { tipFor: receipts.tipFor, thread: (tipId) => thread.listMessages(tipId), countCodeAttempt: memory.countCodeAttempt },
    spentTokens: memory,
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

/** The answer to a post that may not act (its token spent, expired, forged or missing): the blank form, by GET. */
function startAgain(): HttpResult {
  return { statusCode: 303, headers: { ...SAFE_HEADERS, 'content-security-policy': FORM_CSP, location: '/' }, body: '' };
}

/** Posts that act, and so must spend their form's token; a language switch acts only when it carries one. */
const ACTING = new Set(['tip', 'inbox', 'reply']);

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
  const action = fields.get('action') ?? '';
  const token = fields.get('token');
  const common = { lang, emergencyNumbers: form.deps.emergencyNumbers, quickExitUrl: form.deps.quickExitUrl };
  // "Back to start" and form.js's in-place switch carry no token: they only show the form again,
  // with what this very request brought.
  if (!ACTING.has(action) && !token) return html(200, formPage({ ...common, tokens: await form.startTokens(now), values: formValues(fields) }));
  const spending = await form.spend(token, action, now);
  if (!spending.spent) {
    form.deps.logger.info('form post not acted on', { outcome: `token_${spending.why}` });
    return startAgain();
  }
  try {
    return await act(form, event, fields, { action, lang, common }, now);
  } catch (error: unknown) {
    // Our fault, not the post's: sending the same page again must work.
    await form.deps.spentTokens.unspend(spending.key).catch(() => undefined);
    throw error;
  }
}

async function act(
  form: Form,
  event: APIGatewayProxyEventV2,
  fields: URLSearchParams,
  { action, lang, common }: { action: string; lang: FormLang; common: PageCommon },
  now: Date,
): Promise<HttpResult> {
  switch (action) {
    case 'tip': {
      const values = formValues(fields);
      const errors = problems(values);
      if (Object.keys(errors).length) return html(400, formPage({ ...common, tokens: await form.startTokens(now), values, errors }));
      if (!form.tipsPerSender.allow(clientAddress(event), now))
        return html(429, formPage({ ...common, tokens: await form.startTokens(now), values, notice: 'rate_limited' }));
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
      const again = async (status: number, inboxError: 'wrong_code' | 'rate_limited' | 'invalid', retryAfterMinutes?: number) =>
        html(
          status,
          formPage({ ...common, tokens: await form.startTokens(now), inboxError, receiptValue, ...(retryAfterMinutes ? { retryAfterMinutes } : {}) }),
        );
      let opened: Awaited<ReturnType<Form['inbox']>>;
      try {
        opened = await form.inbox(code, clientAddress(event), now);
      } catch (error: unknown) {
        if (error instanceof InvalidReceiptCode) return again(400, 'invalid');
        if (error instanceof WrongReceipt) return again(401, 'wrong_code');
        if (error instanceof InboxBusy) return again(429, 'rate_limited', error.retryAfterMinutes);
        throw error;
      }
      const receipt = formatReceiptCode(code.replace(/\D/g, ''));
      const page = { ...common, receipt, entries: opened.entries, token: await form.replyToken(now) };
      // "See new answers" posts the reply form too: what was typed comes back filled in.
      if (action === 'inbox') return html(200, inboxPage({ ...page, ...(typed ? { replyValue: typed.slice(0, FORM_LIMITS.reply * 2) } : {}) }));
      const replyError: FieldProblem | undefined = !typed ? 'required' : typed.length > FORM_LIMITS.reply ? 'too_long' : undefined;
      if (replyError) return html(400, inboxPage({ ...page, replyValue: typed.slice(0, FORM_LIMITS.reply * 2), replyError }));
      await form.queueWebTip({ text: typed, lang, receipt: false, followUpOf: opened.tipId });
      return html(200, inboxPage({ ...page, entries: [...opened.entries, { kind: 'in', at: now.toISOString(), text: typed }], sent: true }));
    }
    default:
      // 'lang' with the tip form's token: the same form again, in the chosen language, with what was typed so far.
      return html(200, formPage({ ...common, tokens: await form.startTokens(now), values: formValues(fields) }));
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
  try {
    if (!reply) {
      const { receipt } = parseJsonBody(event, receiptBody, 1024, '{"receipt": "1234 5678 9012 3456"}');
      return json(200, { entries: (await form.inbox(receipt, clientAddress(event), now)).entries });
    }
    const body = parseJsonBody(event, replyBody, 16 * 1024, '{"receipt": "...", "text": "..."}');
    const opened = await form.inbox(body.receipt, clientAddress(event), now);
    await form.queueWebTip({ text: body.text, lang: body.lang ?? 'es', receipt: false, followUpOf: opened.tipId });
    return json(202, { status: 'sent' });
  } catch (error: unknown) {
    if (error instanceof InvalidReceiptCode) throw new InvalidRequest(error.message, { receipt: error.message });
    if (error instanceof WrongReceipt) return json(401, { error: 'wrong_receipt', message: error.message });
    throw error;
  }
}

/**
 * What one running form keeps: its per-address limits (in memory only, see core/rate-limit) and
 * its ports. Per-code attempts and spent tokens are in IntakeMemory, where every instance sees them.
 */
interface Form {
  deps: PublicFormDeps;
  tipsPerSender: SenderLimiter;
  /** Wrong receipt codes per address; a right code gives its attempt back. */
  inboxFailures: SenderLimiter;
  inbox(code: string, address: string, now: Date): ReturnType<typeof openInbox>;
  startTokens(now: Date): Promise<StartTokens>;
  replyToken(now: Date): Promise<string>;
  spend(token: string | null, action: string, now: Date): Promise<Spending>;
  /** Queues a web tip; answers the formatted receipt code, or '' when none was asked for. */
  queueWebTip(submission: WebTipSubmission & { lang: FormLang }): Promise<string>;
}

function newForm(deps: PublicFormDeps): Form {
  const tokenKey = once(async () => formTokenKey(await deps.receiptPepper()));
  const inboxFailures = new SenderLimiter(INTAKE_LIMITS.inboxFailuresPerSender.limit, INTAKE_LIMITS.inboxFailuresPerSender.windowMs);
  return {
    deps,
    tipsPerSender: new SenderLimiter(INTAKE_LIMITS.webTipsPerSender.limit, INTAKE_LIMITS.webTipsPerSender.windowMs),
    inboxFailures,
    async inbox(code, address, now) {
      const pepper = await deps.receiptPepper();
      return openInbox(
        code,
        {
          hash: (c) => hashReceiptCode(c, pepper),
          codeKey: async (receiptHash) => codeAttemptKey(receiptHash, pepper),
          sender: inboxFailures.budgetOf(address),
          perCode: INTAKE_LIMITS.inboxAttemptsPerCode,
          ...deps.inbox,
        },
        now,
      );
    },
    async startTokens(now) {
      const key = await tokenKey();
      return { tip: issueFormToken('tip', key, now), inbox: issueFormToken('inbox', key, now) };
    },
    async replyToken(now) {
      return issueFormToken('reply', await tokenKey(), now);
    },
    async spend(token, action, now) {
      return spendFormToken(token, action, await tokenKey(), deps.spentTokens, now);
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
          return html(200, formPage({ lang: 'es', emergencyNumbers, quickExitUrl, tokens: await form.startTokens(now) }));
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
        return html(400, formPage({ lang: 'es', emergencyNumbers, quickExitUrl, tokens: await form.startTokens(now), notice: 'try_again' }));
      }
      return answerError(error, deps.logger, { route: event.routeKey });
    }
  };
}
