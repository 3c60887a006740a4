// Runs the redactor over the labelled dev corpus and scores it exactly as
// test/support/reference-triage-metrics.mjs (the team's judging tool, copied) does: zero leaks and every incident detail kept.
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import { leaked, readLabelledTips } from '../support/redaction-corpus';

// A missing corpus must fail the run, not skip it: silence here would hide leaks.
const tips = readLabelledTips(new URL('../corpus/dev-tips.jsonl', import.meta.url));

describe('redactIdentifiers on the dev corpus', () => {
  it('reads a non-empty corpus', () => {
    expect(tips.length).toBeGreaterThan(0);
  });

  it('leaks no PII string', () => {
    // Arrange, Act
    const leaks = tips.flatMap((tip) => {
      const { text } = redactIdentifiers(tip.text);
      return tip.pii.filter((secret) => leaked(text, secret)).map((secret) => `${tip.id}: ${secret}`);
    });
    // Assert
    expect(leaks).toEqual([]);
  });

  it('keeps every incident detail', () => {
    const lost = tips.flatMap((tip) => {
      const { text } = redactIdentifiers(tip.text);
      return tip.keep.filter((k) => !text.toLowerCase().includes(k.toLowerCase())).map((k) => `${tip.id}: ${k}`);
    });
    expect(lost).toEqual([]);
  });

  it('leaves tips without PII unchanged', () => {
    const changed = tips
      .filter((tip) => tip.pii.length === 0)
      .filter((tip) => redactIdentifiers(tip.text).text !== tip.text)
      .map((tip) => tip.id);
    expect(changed).toEqual([]);
  });
});
