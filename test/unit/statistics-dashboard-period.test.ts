// The statistics pages' addresses and the CSV's name (web/ops/src/statistics-period.ts, routes.ts):
// the period and the report's language travel in the address, not in the queue's filter, and the
// file is saved under the server's name, or the period's when the server gives none or a strange one.
import { describe, expect, it } from 'vitest';
import { csvFileName } from '../../functions/core/statistics/export';
import { parseHash, routeHash } from '../../web/ops/src/routes';
import {
  csvFilename,
  monthRuns,
  periodFromQuery,
  periodQuery,
  reportHash,
  reportLangFromQuery,
  statisticsApiPath,
  statisticsHash,
} from '../../web/ops/src/statistics-period';

const period = { from: '2026-01', to: '2026-12' };

describe('the statistics pages in the address', () => {
  it('reads the page and the report with their own query, leaving the queue filter alone', () => {
    expect(parseHash('#/statistics')).toEqual({ route: { view: 'statistics', query: '' }, query: null });
    expect(parseHash('#/statistics?from=2026-01&to=2026-12')).toEqual({ route: { view: 'statistics', query: 'from=2026-01&to=2026-12' }, query: null });
    expect(parseHash('#/statistics/report?from=2026-01&to=2026-12&lang=en')).toEqual({
      route: { view: 'report', query: 'from=2026-01&to=2026-12&lang=en' },
      query: null,
    });
    for (const hash of ['#/statistics/', '#/statistics/reports', '#/statisticsx']) expect(parseHash(hash), hash).toBeNull();
  });

  it('writes them back as they were, whatever filter the queue carries', () => {
    expect(routeHash({ view: 'statistics', query: 'from=2026-01&to=2026-12' }, 'level=critical')).toBe('#/statistics?from=2026-01&to=2026-12');
    expect(routeHash({ view: 'statistics', query: '' }, 'level=critical')).toBe('#/statistics');
    expect(routeHash({ view: 'report', query: 'lang=es' }, '')).toBe('#/statistics/report?lang=es');
    expect(statisticsHash(period)).toBe('#/statistics?from=2026-01&to=2026-12');
    expect(statisticsHash({ from: null, to: null })).toBe('#/statistics');
    expect(reportHash(period, 'en')).toBe('#/statistics/report?from=2026-01&to=2026-12&lang=en');
  });

  it("reads a period, leaving a missing bound to the API and passing a malformed one on for the API's invalid_period", () => {
    expect(periodFromQuery('from=2026-01&to=2026-12')).toEqual(period);
    expect(periodFromQuery('')).toEqual({ from: null, to: null });
    expect(periodFromQuery('from=&to=2026-13')).toEqual({ from: null, to: '2026-13' });
  });

  it("takes the report's language from the address, else the dashboard's", () => {
    expect(reportLangFromQuery('lang=en', 'es')).toBe('en');
    expect(reportLangFromQuery('lang=qu', 'es')).toBe('es');
    expect(reportLangFromQuery('', 'en')).toBe('en');
  });

  it("asks the API for the period, and for the CSV with format=csv, and nothing the API's strict query refuses", () => {
    expect(statisticsApiPath(period)).toBe('/api/statistics?from=2026-01&to=2026-12');
    expect(statisticsApiPath(period, 'csv')).toBe('/api/statistics?from=2026-01&to=2026-12&format=csv');
    expect(statisticsApiPath({ from: null, to: null })).toBe('/api/statistics');
    expect(periodQuery({ from: null, to: '2026-12' })).toBe('to=2026-12');
  });
});

describe('months not published yet', () => {
  it('read as runs of consecutive months, across a new year, whatever order they come in', () => {
    expect(monthRuns(['2026-03', '2026-01', '2026-02', '2026-12', '2027-01', '2027-05'])).toEqual([
      { from: '2026-01', to: '2026-03' },
      { from: '2026-12', to: '2027-01' },
      { from: '2027-05', to: '2027-05' },
    ]);
    expect(monthRuns([])).toEqual([]);
  });
});

describe("the CSV's file name", () => {
  it("is the server's, quoted or not", () => {
    expect(csvFilename('attachment; filename="tipline-statistics-2026-01-2026-12.csv"', period)).toBe('tipline-statistics-2026-01-2026-12.csv');
    expect(csvFilename('attachment; filename=tipline-statistics-2026-01-2026-12.csv', period)).toBe('tipline-statistics-2026-01-2026-12.csv');
    expect(csvFilename("attachment; filename*=UTF-8''tipline-statistics-2026-03.csv", period)).toBe('tipline-statistics-2026-03.csv');
  });

  it("is the period's, as the server names it, when the header gives none or one that could name a path or another type", () => {
    const fallback = csvFileName(period);
    expect(fallback).toBe('tipline-statistics-2026-01-2026-12.csv');
    for (const header of [
      null,
      '',
      'attachment',
      'attachment; filename="../../etc/passwd.csv"',
      'attachment; filename="report.exe"',
      'attachment; filename="%E0%A4%A"',
    ])
      expect(csvFilename(header, period), String(header)).toBe(fallback);
  });
});
