// The dashboard's copies of core's lists, held to core's. The dashboard takes the API's types from
// core (type-only), but lists it needs at run time are its own (web/ops/src/api-types.ts): core's
// live in modules that import zod, which must not reach the browser bundle. Its type checking
// already fails when a list misses a member; these fail as well on order and on extra members.
import { describe, expect, it } from 'vitest';
import { LEVELS, levelRank } from '../../functions/core/tip';
import { OUTCOMES, TIP_STATUSES } from '../../functions/core/tip-record';
import * as dashboard from '../../web/ops/src/api-types';

describe("the dashboard's lists", () => {
  it("levels: core's, most urgent first (queue filter, level override)", () => {
    expect(dashboard.LEVELS).toEqual([...LEVELS].sort((a, b) => levelRank(b) - levelRank(a)));
  });

  it("statuses: core's, in core's order (queue filter, status form)", () => {
    expect(dashboard.STATUSES).toEqual(TIP_STATUSES);
  });

  it("outcomes: core's, in core's order (closing a tip)", () => {
    expect(dashboard.OUTCOMES).toEqual(OUTCOMES);
  });
});
