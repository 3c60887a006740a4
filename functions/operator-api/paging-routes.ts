// Paging that follows the case (issue 16): an operator stops a tip's escalation, records an
// acknowledgement a responder gave by phone, or marks a tip a duplicate of an earlier one.
import { InvalidRequest } from '../core/errors';
import type { OperatorApiDeps } from './app';
import type { Routes } from './route-kit';

type PagingRouteKey = 'POST /api/tips/{id}/paging/stop' | 'POST /api/tips/{id}/paging/ack' | 'POST /api/tips/{id}/duplicate';

export function pagingRoutes(_deps: OperatorApiDeps): Routes<PagingRouteKey> {
  const notYet = async () => {
    throw new InvalidRequest('Not built yet.');
  };
  return { 'POST /api/tips/{id}/paging/stop': notYet, 'POST /api/tips/{id}/paging/ack': notYet, 'POST /api/tips/{id}/duplicate': notYet };
}
