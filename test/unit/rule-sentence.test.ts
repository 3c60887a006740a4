// Every rule the scorer writes, read over the repository's labelled corpora (with and without the
// web form's answers, and around a later message and an operator's override), becomes a Spanish
// sentence with no English left in it; a rule no pattern reads becomes a generic sentence with
// its level, never the English.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import type { TipReceived, TipSignals } from '../../functions/core/tip';
import { tipIdSchema } from '../../functions/core/tip-id';
import { scoreUrgency } from '../../functions/core/triage/score';
import { triageTip } from '../../functions/core/triage/triage-tip';
import enCase from '../../web/ops/src/i18n/en-case.json';
import en from '../../web/ops/src/i18n/en.json';
import esCase from '../../web/ops/src/i18n/es-case.json';
import es from '../../web/ops/src/i18n/es.json';
import { ruleSentence, type Words } from '../../web/ops/src/rule-sentence';
import { memoryTipStore } from '../support/memory-tip-store';

const lookup =
  (dictionary: Record<string, string>): Words =>
  (key) =>
    dictionary[key];
const spanish = lookup({ ...es, ...esCase });
const english = lookup({ ...en, ...enCase });

const CORPUS_DIR = new URL('../corpus/', import.meta.url);

/** Every message of every labelled corpus, redacted as the pipeline redacts before scoring. */
function corpusTexts(): string[] {
  const files = readdirSync(fileURLToPath(CORPUS_DIR)).filter((f) => f.endsWith('.jsonl'));
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((file) =>
    readFileSync(fileURLToPath(new URL(file, CORPUS_DIR)), 'utf8')
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => (JSON.parse(line) as { text?: unknown }).text)
      .filter((text): text is string => typeof text === 'string' && text.length > 0)
      .map((text) => redactIdentifiers(text).text),
  );
}

const FORM_ANSWERS: Array<TipSignals | undefined> = [undefined, { minor: 'yes' }, { happeningNow: true }, { minor: 'yes', happeningNow: true }];

function scorerRules(texts: readonly string[]): Set<string> {
  const rules = new Set<string>();
  for (const text of texts) for (const signals of FORM_ANSWERS) rules.add(scoreUrgency(text, signals).rule);
  return rules;
}

let ids = 0;
const received = (text: string, at: string): TipReceived => ({
  type: 'TipReceived',
  version: 1,
  messageId: `sms_${String(++ids).padStart(12, '0')}`,
  channel: 'sms',
  lang: 'es',
  text,
  receivedAt: at,
  contactKey: 'c'.repeat(64),
  redactions: {},
});

/** The rules triage writes around the scorer's: a level kept, an operator's level, a new message above it. */
async function threadRules(): Promise<Set<string>> {
  const store = memoryTipStore();
  const deps = { store, newTipId: () => tipIdSchema.parse(`TR${String(++ids).padStart(6, '0')}`), threadWindowMs: 30 * 60_000 };
  const rules = new Set<string>();
  const latest = () => [...store.tips.values()].at(-1)!;
  await triageTip(received('mi hija de 15 años esta en un prostibar, le quitaron su dni', '2026-11-27T03:00:00.000Z'), deps);
  await triageTip(received('ya esta bien, gracias', '2026-11-27T03:05:00.000Z'), deps);
  rules.add(latest().rule);
  const tip = latest();
  const by = { id: 'op-1', name: 'Omar Operador (demo)' };
  store.tips.set(tip.tipId, {
    ...tip,
    level: 'medium',
    levelOverride: { level: 'medium', scoredLevel: tip.level, reason: 'ya rescatada', by, at: tip.createdAt },
  });
  await triageTip(received('hola', '2026-11-27T03:10:00.000Z'), deps);
  rules.add(latest().rule);
  await triageTip(received('tengo 14 años y me tienen encerrada, auxilio', '2026-11-27T03:15:00.000Z'), deps);
  rules.add(latest().rule);
  return rules;
}

/** Words of the scorer's English vocabulary: none may be left in a Spanish sentence. */
function englishWords(rules: Iterable<string>, names: readonly string[]): Set<string> {
  // Words both languages write the same way, and the names operators are called by.
  const shared = new Set(['bar', 'web', 'no', 'a', ...names.flatMap((n) => n.toLowerCase().split(/\W+/u))]);
  const words = new Set<string>();
  for (const rule of rules) for (const word of rule.toLowerCase().match(/[\p{L}_]+/gu) ?? []) if (!shared.has(word)) words.add(word);
  return words;
}

describe('the rule as a sentence', () => {
  it('reads every rule the scorer and triage write over the corpora, in Spanish with no English left, and in English', async () => {
    // Arrange
    const rules = new Set([...scorerRules(corpusTexts()), ...(await threadRules())]);
    const vocabulary = englishWords(rules, ['Omar Operador (demo)']);
    expect(rules.size).toBeGreaterThan(20);
    expect([...rules].some((r) => r.includes('(rules: '))).toBe(true);
    expect([...rules].some((r) => r.includes("the form's answers alone"))).toBe(true);
    expect([...rules].some((r) => r.includes(' kept: '))).toBe(true);
    expect([...rules].some((r) => r.includes(': set by '))).toBe(true);
    expect([...rules].some((r) => r.includes('(new message, above'))).toBe(true);

    // Act
    const unread = [...rules].filter((rule) => !ruleSentence(rule, spanish, 'es').read || !ruleSentence(rule, english, 'en').read);
    const leftovers = [...rules].flatMap((rule) => {
      const { text } = ruleSentence(rule, spanish, 'es');
      const left = (text.toLowerCase().match(/[\p{L}_]+/gu) ?? []).filter((w) => vocabulary.has(w) || w.includes('_'));
      return left.length > 0 ? [`${rule} → ${text} [${left.join(' ')}]`] : [];
    });

    // Assert
    expect(unread).toEqual([]);
    expect(leftovers).toEqual([]);
    // Thousands of messages scored four times each, on a shared two-core machine.
  }, 120_000);

  it('says the example the operators asked for', () => {
    expect(ruleSentence('critical: minor + sexual_exploitation', spanish, 'es')).toEqual({ text: 'Menor de edad en explotación sexual', read: true });
    expect(ruleSentence('critical: minor + sexual_exploitation', english, 'en').text).toBe('A minor in sexual exploitation');
  });

  it('names the operator who set the level, even with brackets in their name, and lists indicators in the language', () => {
    const rule = 'high: set by Omar Operador (demo) (critical: minor held by force (confinement, threats))';
    expect(ruleSentence(rule, spanish, 'es').text).toBe(
      'Urgencia alta fijada por Omar Operador (demo) (la clasificación automática decía: menor de edad retenido por la fuerza (encierro y amenazas))',
    );
  });

  it('falls back to a translated sentence with the level, never the English, for a rule it cannot read', () => {
    for (const rule of ['critical: a shape nobody taught it', 'high: ongoing coercion (made_up_indicator)', 'medium: possible trafficking (a new risk word)']) {
      const said = ruleSentence(rule, spanish, 'es');
      expect(said.read).toBe(false);
      expect(said.text).toMatch(/^Urgencia (crítica|alta|media) según la clasificación automática/u);
    }
    expect(ruleSentence('', spanish, 'es')).toEqual({ text: 'Clasificación automática sin explicación traducida.', read: false });
    expect(ruleSentence('something else entirely', english, 'en').read).toBe(false);
  });
});
