// The published statistics (supervisors only): the figures as JSON, and the same as a CSV file.
import { call, callForFile } from './api';
import type { Month, StatisticsExport } from './api-types-statistics';
import { csvFilename, type Period, statisticsApiPath } from './statistics-period';

export const getStatistics = (period: Period): Promise<StatisticsExport> => call('GET', statisticsApiPath(period));

/** The CSV of exactly the months shown (the answer's from and to, not what was asked), and its name. */
export async function getStatisticsCsv(shown: { from: Month; to: Month }): Promise<{ filename: string; file: Blob }> {
  const res = await callForFile(statisticsApiPath(shown, 'csv'), 'text/csv');
  return { filename: csvFilename(res.headers.get('content-disposition'), shown), file: await res.blob() };
}
