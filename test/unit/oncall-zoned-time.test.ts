import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantOf,
  isValidTimeZone,
  isoWeekday,
  localParts,
  offsetMinutes,
  parseLocalDate,
  parseLocalTime,
} from '../../functions/core/paging/zoned-time';

const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute });

describe('local wall time of an instant', () => {
  it.each([
    ['2025-03-10T04:59:00Z', 'America/Lima', { year: 2025, month: 3, day: 9, hour: 23, minute: 59, weekday: 7 }],
    ['2025-03-10T05:00:00Z', 'America/Lima', { year: 2025, month: 3, day: 10, hour: 0, minute: 0, weekday: 1 }],
    ['2025-03-10T05:00:00Z', 'Asia/Kolkata', { year: 2025, month: 3, day: 10, hour: 10, minute: 30, weekday: 1 }],
    ['2025-07-01T03:59:59Z', 'America/Santiago', { year: 2025, month: 6, day: 30, hour: 23, minute: 59, weekday: 1 }],
  ] as const)('%s in %s', (iso, zone, expected) => {
    expect(localParts(new Date(iso), zone)).toMatchObject(expected);
  });

  it('midnight is hour 0, never 24', () => {
    expect(localParts(new Date('2025-03-10T05:00:00Z'), 'America/Lima').hour).toBe(0);
  });

  it.each([
    ['America/Lima', '2025-01-15T12:00:00Z', -300],
    ['America/Lima', '2025-07-15T12:00:00Z', -300],
    ['America/New_York', '2025-01-15T12:00:00Z', -300],
    ['America/New_York', '2025-07-15T12:00:00Z', -240],
    ['America/Santiago', '2025-01-15T12:00:00Z', -180],
    ['America/Santiago', '2025-07-15T12:00:00Z', -240],
    ['Asia/Kathmandu', '2025-07-15T12:00:00Z', 345],
  ] as const)('offset of %s at %s is %i minutes', (zone, iso, offset) => {
    expect(offsetMinutes(new Date(iso), zone)).toBe(offset);
  });
});

describe('instant of a local wall time', () => {
  it.each([
    ['Lima midnight', 'America/Lima', wall(2025, 3, 10, 0, 0), '2025-03-10T05:00:00.000Z'],
    ['an ordinary New York morning', 'America/New_York', wall(2025, 6, 2, 8, 0), '2025-06-02T12:00:00.000Z'],
    // Gaps: the wall time is read with the offset before the jump, so it lands past the jump.
    ['New York spring-forward gap 02:30 -> 03:30 EDT', 'America/New_York', wall(2025, 3, 9, 2, 30), '2025-03-09T07:30:00.000Z'],
    ['Santiago spring-forward: midnight does not exist -> 01:00 -03', 'America/Santiago', wall(2025, 9, 7, 0, 0), '2025-09-07T04:00:00.000Z'],
    // Overlaps: the earlier of the two instants.
    ['New York fall-back overlap 01:30 -> the EDT one', 'America/New_York', wall(2025, 11, 2, 1, 30), '2025-11-02T05:30:00.000Z'],
    ['Santiago fall-back overlap 23:30 -> the -03 one', 'America/Santiago', wall(2025, 4, 5, 23, 30), '2025-04-06T02:30:00.000Z'],
    ['Lord Howe half-hour gap 02:15 -> 02:45', 'Australia/Lord_Howe', wall(2025, 10, 5, 2, 15), '2025-10-04T15:45:00.000Z'],
  ] as const)('%s', (_name, zone, local, iso) => {
    expect(instantOf(local, zone).toISOString()).toBe(iso);
  });

  it('round-trips every existing wall time and picks the earliest instant for it (property)', () => {
    const zones = ['America/Lima', 'America/New_York', 'America/Santiago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const minute = Math.floor(ms / 60_000) * 60_000;
        const local = localParts(new Date(minute), zone);
        const back = instantOf(local, zone);
        expect(localParts(back, zone)).toMatchObject({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute });
        // Equal, or an hour or less earlier when the wall time happened twice.
        expect(back.getTime()).toBeLessThanOrEqual(minute);
        expect(minute - back.getTime()).toBeLessThanOrEqual(60 * 60_000);
      }),
      { seed: 20250310, numRuns: 400 },
    );
  });

  it('is exact everywhere in Lima, which has had no DST since 1994 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const minute = Math.floor(ms / 60_000) * 60_000;
        expect(instantOf(localParts(new Date(minute), 'America/Lima'), 'America/Lima').getTime()).toBe(minute);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('calendar helpers', () => {
  it.each([
    ['America/Lima', true],
    ['America/Santiago', true],
    ['UTC', true],
    ['America/Puerto_Maldonado', false],
    ['Lima', false],
    ['', false],
    ['-05:00', false],
  ] as const)('%j is a valid zone: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays({ year: 2024, month: 2, day: 26 }, 7)).toEqual({ year: 2024, month: 3, day: 4 });
    expect(addDays({ year: 2025, month: 12, day: 29 }, 7)).toEqual({ year: 2026, month: 1, day: 5 });
    expect(addDays({ year: 2025, month: 3, day: 3 }, -7)).toEqual({ year: 2025, month: 2, day: 24 });
  });

  it('knows ISO weekdays', () => {
    expect(isoWeekday({ year: 2025, month: 3, day: 3 })).toBe(1);
    expect(isoWeekday({ year: 2025, month: 3, day: 9 })).toBe(7);
  });

  it.each([
    ['2025-03-03', { year: 2025, month: 3, day: 3 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2025-02-29', undefined],
    ['2025-13-01', undefined],
    ['2025-3-3', undefined],
  ] as const)('parses the date %j', (text, expected) => {
    expect(parseLocalDate(text)).toEqual(expected);
  });

  it.each([
    ['00:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['24:00', undefined],
    ['7:00', undefined],
    ['12:60', undefined],
  ] as const)('parses the time %j', (text, expected) => {
    expect(parseLocalTime(text)).toEqual(expected);
  });
});
