// Inputs built to trip backtracking or quadratic scans. Tips are capped at 5000 characters;
// these are 10,000. Each must come back (vitest's per-test timeout is the guard against a
// pathological slowdown; nothing here times it) with its placeholders counted, and where the
// input plants an identifier, without it: numbers are compared digits only.
import { describe, expect, it } from 'vitest';
import { digitsOf } from '../../functions/core/redaction/number-guards';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import { PLACEHOLDER_KINDS, type Redaction } from '../../functions/core/tip';

const LENGTH = 10_000;
const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

/** What an input plants, and so what must not come back. */
interface Planted {
  /** A number, as digits: no run of them may survive in the output's digits. */
  digits?: string;
  /** Text that must not survive (compared without regard to case). */
  text?: string;
  /** Nothing identifying: an incident detail that must survive whole (km markers, money). */
  kept?: true;
}

const inputs: Array<[name: string, text: string, planted: Planted]> = [
  ['spaced nines', fill('9 '), { digits: '9999999' }],
  ['digits', fill('9'), { digits: '9999999' }],
  ['dotted digits', fill('9.'), { digits: '9999999' }],
  ['hyphen digits', fill('1-'), { digits: '1111111' }],
  ['at signs', fill('a@'), { text: 'a@a' }],
  ['at signs with dots', fill('a@a.'), { text: 'a@a.a' }],
  ['local-part chars', fill('a.'), {}],
  ['soy soy', fill('soy '), {}],
  ['me llamo me llamo', fill('me llamo '), {}],
  ['ñuqa', fill('ñuqa Rosa '), { text: 'Rosa' }],
  // It plants "Rosa" too, which survives: see the known leak below
  ['sutiy', fill('Rosa sutiy '), {}],
  ['arroba', fill('a arroba '), { text: 'arroba' }],
  ['punto', fill('a punto '), {}],
  ['spelled digits', fill('nueve '), { text: 'nueve' }],
  ['plus signs', fill('+51 '), {}],
  ['parentheses', fill('(082) '), { digits: '082082082' }],
  ['platform words', fill('ig: '), {}],
  // Hyphens never appear in a handle (Instagram, TikTok, Facebook), so none is planted here
  ['glued handle', `ig ${fill('a-')}`, {}],
  ['glued handle with underscores', `ig ${fill('a_')}`, { text: 'a_a' }],
  ['dni words', fill('dni '), {}],
  ['km', fill('km 1 '), { kept: true }],
  ['money', fill('S/ 1 '), { kept: true }],
  ['capitalised words', fill('Soy Rosa '), { text: 'Rosa' }],
  ['no spaces', fill('abc'), {}],
  ['profile links', fill('facebook.com/'), { text: 'facebook.com/' }],
];

/** The placeholders in the text match the counts reported with it, kind by kind. */
function expectCountsMatchText(result: Redaction): void {
  const inText = Object.fromEntries(PLACEHOLDER_KINDS.map((kind) => [kind, result.text.split(`[${kind}]`).length - 1] as const).filter(([, n]) => n > 0));
  expect(result.counts).toEqual(inText);
}

function expectPlantedGone(input: string, result: Redaction, planted: Planted): void {
  if (planted.digits) expect(digitsOf(result.text)).not.toContain(planted.digits);
  if (planted.text) expect(result.text.toLowerCase()).not.toContain(planted.text.toLowerCase());
  if (planted.kept) expect({ text: result.text, counts: result.counts }).toEqual({ text: input, counts: {} });
}

describe('redactIdentifiers on adversarial input', () => {
  it.each(inputs)('completes on %s, without what it plants', (_name, text, planted) => {
    // Act
    const result = redactIdentifiers(text);
    // Assert
    expectCountsMatchText(result);
    expectPlantedGone(text, result, planted);
  });

  // Once a leak: a Quechua name written before its trigger survived when the same trigger also
  // stood before another name, which took the trigger for itself.
  it('a Quechua name before a repeated trigger ("Rosa sutiy Rosa sutiy") is hidden every time', () => {
    const text = fill('Rosa sutiy ');
    expectPlantedGone(text, redactIdentifiers(text), { text: 'Rosa' });
  });

  it('still redacts a phone buried in 10,000 characters of noise', () => {
    const text = `${fill('9 9 ')} cel 987 654 321 ${fill('a@')}`;
    const out = redactIdentifiers(text).text;
    expect(out).toContain('cel [PHONE]');
    expect(digitsOf(out)).not.toContain('987654321');
  });
});
