// A whole shift (issue 16): hand a tip to a colleague, list the colleagues, and the handover
// summary one shift leaves the next.
import { InvalidRequest } from '../core/errors';
import type { OperatorApiDeps } from './app';
import type { Routes } from './route-kit';

type ShiftRouteKey = 'POST /api/tips/{id}/assign' | 'GET /api/staff' | 'GET /api/handover';

export function shiftRoutes(_deps: OperatorApiDeps): Routes<ShiftRouteKey> {
  const notYet = async () => {
    throw new InvalidRequest('Not built yet.');
  };
  return { 'POST /api/tips/{id}/assign': notYet, 'GET /api/staff': notYet, 'GET /api/handover': notYet };
}
