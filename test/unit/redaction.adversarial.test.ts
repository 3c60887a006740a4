// Inputs built to trip backtracking or quadratic scans. Tips are capped at 5000 characters;
// these are 10,000. The assertion is that redaction completes (and still redacts), not a
// timing: vitest's per-test timeout is the guard against a pathological slowdown.
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';

const LENGTH = 10_000;
const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

const inputs: [string, string][] = [
  ['spaced nines', fill('9 ')],
  ['digits', fill('9')],
  ['dotted digits', fill('9.')],
  ['hyphen digits', fill('1-')],
  ['at signs', fill('a@')],
  ['at signs with dots', fill('a@a.')],
  ['local-part chars', fill('a.')],
  ['soy soy', fill('soy ')],
  ['me llamo me llamo', fill('me llamo ')],
  ['ñuqa', fill('ñuqa Rosa ')],
  ['sutiy', fill('Rosa sutiy ')],
  ['arroba', fill('a arroba ')],
  ['punto', fill('a punto ')],
  ['spelled digits', fill('nueve ')],
  ['plus signs', fill('+51 ')],
  ['parentheses', fill('(082) ')],
  ['platform words', fill('ig: ')],
  ['glued handle', `ig ${fill('a-')}`],
  ['dni words', fill('dni ')],
  ['km', fill('km 1 ')],
  ['money', fill('S/ 1 ')],
  ['capitalised words', fill('Soy Rosa ')],
  ['no spaces', fill('abc')],
  ['profile links', fill('facebook.com/')],
];

describe('redactIdentifiers on adversarial input', () => {
  it.each(inputs)('completes on %s', (_name, text) => {
    // Act
    const result = redactIdentifiers(text);
    // Assert
    expect(typeof result.text).toBe('string');
  });

  it('still redacts a phone buried in 10,000 characters of noise', () => {
    const text = `${fill('9 9 ')} cel 987 654 321 ${fill('a@')}`;
    const out = redactIdentifiers(text).text;
    expect(out).toContain('cel [PHONE]');
  });
});
