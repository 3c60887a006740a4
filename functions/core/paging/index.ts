// The on-call core's contract, for the alerting adapters and the operator API. Pure: time is
// always passed in, the roster is passed in, and every effect comes back as an action to carry
// out. The flow the adapters implement:
//   triage stores a tip -> shouldPage? -> startPaging -> the region's guards (guard.ts: covered
//   by an earlier page, held by the hour's budget, or paged) -> carry out actions, store the
//   state (conditionally: only if none exists) -> deadline message -> onDeadline -> ...
//   responder SMS (sender matched to a responder) -> parseAck -> pageForAck -> onAck
export * from './model';
export * from './zoned-time';
export * from './schedule';
export * from './roster-check';
export * from './gsm7';
export * from './page-text';
export * from './ack';
export * from './when-to-page';
export * from './escalation';
export * from './routing';
