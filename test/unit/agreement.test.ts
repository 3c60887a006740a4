// The supervisors' agreement report: of the tips closed in the last 30 days by the given clock,
// per scorer level and per language, how many operators raised and how many they lowered.
import { describe, expect, it } from 'vitest';
import { agreementWindowStart, scorerVerdict, triageAgreement, type ReviewedTip } from '../../functions/core/agreement';
import type { Level } from '../../functions/core/tip';
import { LANGS } from '../../functions/core/tip';

const NOW = new Date('2026-12-07T15:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();

function closed(scoredLevel: Level, overrideTo: Level | null, overrides: Partial<ReviewedTip> = {}): ReviewedTip {
  return {
    lang: 'es',
    level: overrideTo ?? scoredLevel,
    scoredLevel,
    closedAt: daysAgo(1),
    ...(overrideTo ? { levelOverride: { level: overrideTo, scoredLevel } } : {}),
    ...overrides,
  };
}

describe('scorerVerdict', () => {
  it("compares the operator's override with the scorer's level", () => {
    expect(scorerVerdict(closed('medium', 'critical'))).toEqual({ scoredLevel: 'medium', direction: 'raised' });
    expect(scorerVerdict(closed('high', 'low'))).toEqual({ scoredLevel: 'high', direction: 'lowered' });
    expect(scorerVerdict(closed('high', 'high'))).toEqual({ scoredLevel: 'high', direction: 'agreed' });
    expect(scorerVerdict(closed('low', null))).toEqual({ scoredLevel: 'low', direction: 'agreed' });
  });

  it('a level that stayed up without an operator (a later message did not lower it) is no disagreement', () => {
    expect(scorerVerdict({ level: 'critical', scoredLevel: 'medium' })).toEqual({ scoredLevel: 'medium', direction: 'agreed' });
  });

  it('falls back to what the scorer said at the override when the tip has no scoredLevel', () => {
    expect(scorerVerdict({ level: 'high', levelOverride: { level: 'high', scoredLevel: 'low' } })).toEqual({ scoredLevel: 'low', direction: 'raised' });
  });
});

describe('triageAgreement', () => {
  it('counts reviewed, raised and lowered per scorer level, per language, and in all', () => {
    // Arrange
    const tips = [
      closed('low', 'high'),
      closed('low', 'medium', { lang: 'qu' }),
      closed('low', null, { lang: 'qu' }),
      closed('high', 'medium', { lang: 'en' }),
      closed('critical', null, { lang: 'pt' }),
      closed('medium', 'medium'),
    ];

    // Act
    const report = triageAgreement(tips, NOW);

    // Assert
    expect(report.byLevel).toEqual([
      { level: 'critical', reviewed: 1, raised: 0, lowered: 0 },
      { level: 'high', reviewed: 1, raised: 0, lowered: 1 },
      { level: 'medium', reviewed: 1, raised: 0, lowered: 0 },
      { level: 'low', reviewed: 3, raised: 2, lowered: 0 },
    ]);
    const byLang = {
      es: { reviewed: 2, raised: 1, lowered: 0 },
      en: { reviewed: 1, raised: 0, lowered: 1 },
      qu: { reviewed: 2, raised: 1, lowered: 0 },
      pt: { reviewed: 1, raised: 0, lowered: 0 },
    };
    expect(report.byLang).toEqual(LANGS.map((lang) => ({ lang, ...byLang[lang] })));
    expect(report.total).toEqual({ reviewed: 6, raised: 2, lowered: 1 });
    expect(report).toMatchObject({ from: '2026-11-07T15:00:00.000Z', to: NOW.toISOString(), days: 30 });
  });

  it('covers the last 30 days by the clock it is given, both ends included', () => {
    // Arrange
    const tips = [closed('low', 'high', { closedAt: daysAgo(30) }), closed('low', 'high', { closedAt: NOW.toISOString() })];
    const outside = [
      closed('low', 'high', { closedAt: new Date(NOW.getTime() - 30 * DAY - 1).toISOString() }),
      closed('low', 'high', { closedAt: new Date(NOW.getTime() + 1).toISOString() }),
    ];

    // Act
    const report = triageAgreement([...tips, ...outside], NOW);

    // Assert
    expect(report.total).toEqual({ reviewed: 2, raised: 2, lowered: 0 });
    expect(agreementWindowStart(NOW)).toBe(daysAgo(30));
  });

  it('leaves out tips with no closing time, and counts a language it does not list in the total only', () => {
    const { closedAt: _none, ...open } = closed('low', 'high');
    const report = triageAgreement([open, closed('high', 'low', { lang: 'fr' })], NOW);
    expect(report.total).toEqual({ reviewed: 1, raised: 0, lowered: 1 });
    expect(report.byLang.every((row) => row.reviewed === 0)).toBe(true);
  });

  it('holds counts only: every level and language present, no text', () => {
    const report = triageAgreement([], NOW);
    expect(report.byLevel.map((row) => row.level)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(report.byLang.map((row) => row.lang)).toEqual([...LANGS]);
    const values = JSON.stringify([report.byLevel, report.byLang, report.total]);
    expect(values).toMatch(/^[[\]{}":,a-z0-9]*$/);
  });
});
