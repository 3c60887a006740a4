// An in-memory TipStore with the same conditional semantics as the DynamoDB one, for core
// tests. A plain object fake of the port, not a module mock.
import type { SealedSpan } from '../../functions/core/evidence/model';
import type { StoredMessage, ThreadPointer, TipRecord, TipStore, TriageWrite } from '../../functions/core/tip-record';
import { TipVersionConflict, isOpen, queueOrder } from '../../functions/core/tip-record';

export interface MemoryTipStore extends TipStore {
  tips: Map<string, TipRecord>;
  messages: Map<string, StoredMessage>;
  threads: Map<string, ThreadPointer>;
  receipts: Map<string, string>;
  /** Sealed evidence spans by `tipId#messageId#ordinal`, stored with their message. */
  evidence: Map<string, SealedSpan>;
  /** Called before each commit; lets a test change the world in between. */
  beforeCommit?: (write: TriageWrite) => void;
}

export function memoryTipStore(): MemoryTipStore {
  const store: MemoryTipStore = {
    tips: new Map(),
    messages: new Map(),
    threads: new Map(),
    receipts: new Map(),
    evidence: new Map(),
    async findMessage(id) {
      return store.messages.get(id);
    },
    async findThread(key) {
      return store.threads.get(key);
    },
    async getTip(id) {
      const tip = store.tips.get(id);
      return tip ? structuredClone(tip) : undefined;
    },
    async listMessages(tipId) {
      return [...store.messages.values()].filter((m) => m.tipId === tipId);
    },
    async commit(write) {
      store.beforeCommit?.(write);
      if (store.messages.has(write.message.messageId)) return 'duplicate';
      const current = store.tips.get(write.tip.tipId);
      if (write.expectedVersion === null ? current : current?.version !== write.expectedVersion) throw new TipVersionConflict(write.tip.tipId);
      // As DynamoDB's condition on the contact pointer: another message moved it meanwhile.
      const threadNow = write.thread ? (store.threads.get(write.thread.contactKey)?.tipId ?? null) : undefined;
      if (write.thread && write.threadWas !== undefined && threadNow !== write.threadWas) throw new TipVersionConflict(write.tip.tipId);
      store.messages.set(write.message.messageId, write.message);
      store.tips.set(write.tip.tipId, structuredClone(write.tip));
      if (write.thread) store.threads.set(write.thread.contactKey, write.thread);
      if (write.receiptHash) store.receipts.set(write.receiptHash, write.tip.tipId);
      for (const span of write.evidence ?? []) store.evidence.set(`${span.tipId}#${span.messageId}#${span.ordinal}`, span);
      return 'stored';
    },
    async listTips(_filter, { limit }) {
      const open = [...store.tips.values()].filter((t) => isOpen(t.status)).sort((a, b) => queueOrder(a).localeCompare(queueOrder(b)));
      return { tips: open.slice(0, limit) };
    },
  };
  return store;
}
