// The labelled corpora the bench runs over: the shared dev set and the project's own.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CorpusRow } from '../functions/core/triage/metrics';

const at = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

export const CORPORA: Record<string, string> = {
  dev: at('../test/corpus/dev-tips.jsonl'),
  tips: at('../test/corpus/tips.jsonl'),
  holdout: at('../test/corpus/holdout.jsonl'),
};

export function readCorpus(path: string): CorpusRow[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as CorpusRow);
}
