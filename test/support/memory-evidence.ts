// An in-memory evidence table with the DynamoDB adapter's conditional semantics, and a span
// opener that "unseals" from a plain map, for the reveal workflow's core tests.
import { RevealRequestDecided } from '../../functions/core/evidence/errors';
import {
  spanIdOf,
  type EvidenceRetention,
  type EvidenceStore,
  type RevealRequest,
  type SealedSpan,
  type SpanOpener,
} from '../../functions/core/evidence/model';

export interface MemoryEvidence extends EvidenceStore, EvidenceRetention {
  spans: Map<string, SealedSpan>;
  requests: Map<string, RevealRequest>;
  /** Every expiresAt a tip's items were given, in order (undefined: cleared). */
  followed: Array<[string, number | undefined]>;
}

const key = (tipId: string, id: string) => `${tipId}|${id}`;
const clone = <T>(value: T): T => structuredClone(value);

export function memoryEvidence(): MemoryEvidence {
  const spans = new Map<string, SealedSpan>();
  const requests = new Map<string, RevealRequest>();
  const followed: MemoryEvidence['followed'] = [];
  const ofTip = <T extends { tipId: string }>(items: Map<string, T>, tipId: string) => [...items.entries()].filter(([, item]) => item.tipId === tipId);
  return {
    spans,
    requests,
    followed,
    async load(tipId) {
      return { spans: ofTip(spans, tipId).map(([, s]) => clone(s)), requests: ofTip(requests, tipId).map(([, r]) => clone(r)) };
    },
    async getSpan(tipId, spanId) {
      const span = spans.get(key(tipId, spanId));
      return span ? clone(span) : undefined;
    },
    async getRequest(tipId, requestId) {
      const request = requests.get(key(tipId, requestId));
      return request ? clone(request) : undefined;
    },
    async addRequest(request) {
      if (requests.has(key(request.tipId, request.requestId))) throw new Error('ConditionalCheckFailed');
      requests.set(key(request.tipId, request.requestId), clone(request));
    },
    async decide(tipId, requestId, decision) {
      const request = requests.get(key(tipId, requestId));
      if (!request || request.state !== 'pending') throw new RevealRequestDecided();
      requests.set(key(tipId, requestId), { ...request, state: decision.state, decidedBy: decision.by, decidedAt: decision.at });
    },
    async shred(tipId) {
      const doomed = [...ofTip(spans, tipId).map(([k]) => k), ...ofTip(requests, tipId).map(([k]) => k)];
      for (const k of doomed) {
        spans.delete(k);
        requests.delete(k);
      }
      return doomed.length;
    },
    async follow(tipId, expiresAt) {
      followed.push([tipId, expiresAt]);
      for (const items of [spans, requests] as Array<Map<string, { tipId: string; expiresAt?: number }>>) {
        for (const [k, item] of ofTip(items, tipId)) {
          const { expiresAt: _old, ...rest } = item;
          items.set(k, expiresAt === undefined ? rest : { ...rest, expiresAt });
        }
      }
    },
  };
}

export function plantSpan(store: MemoryEvidence, span: Omit<SealedSpan, 'sealed'> & { value: string }): SealedSpan {
  const { value, ...rest } = span;
  const sealed: SealedSpan = { ...rest, sealed: `sealed:${value}` };
  store.spans.set(key(span.tipId, spanIdOf(span)), sealed);
  return sealed;
}

/** Opens what plantSpan "sealed", and counts every opening. */
export function plainOpener(): SpanOpener & { opened: string[] } {
  const opened: string[] = [];
  const open = async (span: SealedSpan) => {
    opened.push(spanIdOf(span));
    return span.sealed.replace(/^sealed:/, '');
  };
  return Object.assign(open, { opened });
}
