// POST /api/tips/{id}/replies: an operator's question to the tipster. The only function that
// can open the contact vault; the address it recovers goes to Twilio and nowhere else (not
// into the response, not into a log, not into the thread). Only the holder of a claimed tip may
// write to its tipster (409 naming the holder otherwise; core/reply).
import { documentClient } from '../adapters/aws-clients';
import { dataKeysOf } from '../adapters/envelope';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoContactVaultReader } from '../adapters/dynamo-contact-vault';
import { dynamoThreadWriter, dynamoTipLookup } from '../adapters/dynamo-tip-store';
import { json, parseJsonBody } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { operatorAuthenticatorOf } from '../adapters/operator-auth';
import { awsPlatform, systemClock, type Platform } from '../adapters/platform';
import { staffRouter, tipIdOf, type StaffRouterDeps } from '../adapters/staff-router';
import { twilioSender, twilioSettingsOf } from '../adapters/twilio-sender';
import { MAX_REPLY_TEXT } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import type { AuditLog } from '../core/audit';
import { staffRef } from '../core/operator-actions';
import { replyToTipster, type ReplyDeps } from '../core/reply';

export const configShape = {
  ...configShapes.tipsTable,
  ...configShapes.messagesTable,
  ...configShapes.contactVaultTable,
  ...configShapes.auditTable,
  ...configShapes.jwt,
  ...configShapes.twilioAccount,
  ...configShapes.twilioSender,
};

export interface TipsterReplyDeps extends StaffRouterDeps, Omit<ReplyDeps, 'now' | 'newId'> {
  audit: AuditLog;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): TipsterReplyDeps {
  const config = readConfig(configShape, env);
  const dynamo = documentClient(platform);
  return {
    tips: dynamoTipLookup(dynamo, config[ENV.tipsTable]),
    // Writes only: the reply joins the thread; this function never reads the thread.
    thread: dynamoThreadWriter(dynamo, config[ENV.messagesTable]),
    vault: dynamoContactVaultReader(dynamo, config[ENV.contactVaultTable], dataKeysOf(platform, env)),
    sender: twilioSender(twilioSettingsOf(config), platform, env),
    audit: dynamoAuditLog(dynamo, config[ENV.auditTable]),
    authenticate: operatorAuthenticatorOf(config, platform),
    logger: createLogger('tipster-reply'),
    now: systemClock,
  };
}

const MAX_REPLY = MAX_REPLY_TEXT;
const replyBody = z.strictObject({
  text: z.string({ error: 'text is required' }).trim().min(1, 'text is required').max(MAX_REPLY, `text must be at most ${MAX_REPLY} characters (two SMS)`),
});

export function makeHandler(deps: TipsterReplyDeps) {
  return staffRouter(
    {
      'POST /api/tips/{id}/replies': async ({ event, actor, now }) => {
        const tipId = tipIdOf(event);
        const { text } = parseJsonBody(event, replyBody, 4096, '{"text": "..."}');
        // The actor's roles go in so that a 409 for a tip someone else holds says what they can do.
        const { channel, id } = await replyToTipster({ tipId, text }, actor, { ...deps, now: () => now, newId: randomUUID });
        await deps.audit.record({ tipId, at: now.toISOString(), actor: staffRef(actor), action: 'reply', details: { channel, replyId: id } });
        deps.logger.info('reply sent', { tipId, channel });
        return json(202, { status: 'sent', channel });
      },
    },
    deps,
  );
}
