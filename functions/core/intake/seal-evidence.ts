// The last step before a tip is queued: identifiers that the text gives to someone else are
// sealed, each under its own message and place, so that the queue, the tables and the logs only
// ever hold ciphertext of them. The writer's own were dropped by the redactor and never get here.
import { MAX_SEALED_SPANS } from '../../config/defaults';
import { evidenceContext } from '../evidence/model';
import type { Sealer } from '../ports';
import type { TipReceived } from '../tip';
import type { PreparedTip } from './tip-from';

export async function sealEvidence(prepared: PreparedTip, seal: Sealer): Promise<TipReceived> {
  const { tip, evidence } = prepared;
  if (evidence.length === 0) return tip;
  const sealed = await Promise.all(
    evidence.slice(0, MAX_SEALED_SPANS).map(async (span) => ({
      ordinal: span.ordinal,
      kind: span.kind,
      sealed: await seal(span.value, evidenceContext(tip.messageId, span.ordinal)),
    })),
  );
  return { ...tip, evidence: sealed };
}
