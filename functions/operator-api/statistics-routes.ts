// GET /api/statistics: published months only, as JSON or CSV (core/statistics). Supervisors only:
// the figures are safe to publish, but what is published and when is the supervisors' call.
import { fieldErrors, json, SAFE_HEADERS } from '../adapters/http';
import { InvalidRequest } from '../core/errors';
import { csvFileName, exportToCsv, statisticsQuery } from '../core/statistics/export';
import { readStatistics } from '../core/statistics/store';
import { staffRef } from '../core/operator-actions';
import type { OperatorApiDeps } from './app';
import type { Routes } from './route-kit';

/** The audit table's partition for reads of the statistics: not a tip id (8 characters). */
const STATISTICS_AUDIT_KEY = 'statistics';

export function statisticsRoutes(deps: OperatorApiDeps): Routes<'GET /api/statistics'> {
  return {
    'GET /api/statistics': async ({ event, actor, now }) => {
      const query = statisticsQuery.strict().safeParse(event.queryStringParameters ?? {});
      if (!query.success)
        throw new InvalidRequest('The statistics take from=YYYY-MM, to=YYYY-MM and format=json|csv, all optional.', fieldErrors(query.error.issues));
      const statistics = await readStatistics(deps.statistics, query.data, deps.reportClock());
      await deps.audit.record({
        tipId: STATISTICS_AUDIT_KEY,
        at: now.toISOString(),
        actor: staffRef(actor),
        action: 'report_read',
        details: { report: 'statistics', from: statistics.from, to: statistics.to, format: query.data.format ?? 'json' },
      });
      if (query.data.format !== 'csv') return json(200, statistics);
      return {
        statusCode: 200,
        headers: { ...SAFE_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${csvFileName(statistics)}"` },
        body: exportToCsv(statistics),
      };
    },
  };
}
