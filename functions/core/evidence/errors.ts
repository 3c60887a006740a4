// What a supervisor can get wrong or arrive too late for in the reveal workflow. Each error has
// its own code, so the dashboard can say it in the supervisor's language (web/ops i18n
// `apiError.<code>`); the English message says what to do next for any other caller.
import { ClientError, Conflict } from '../errors';
import type { StaffRef } from '../tip-record';
import { REVEAL_REASON, type StoredRequestState } from './model';

/** 410: the tip's retention has ended; its evidence was destroyed when this was asked. */
export class EvidenceGone extends ClientError {
  override name = 'EvidenceGone';
  readonly status = 410;
  readonly code = 'evidence_gone';
  constructor(tipId: string) {
    super(`Tip ${tipId} has reached the end of its retention: its sealed evidence has been destroyed and nothing can be revealed any more.`);
  }
}

export class SpanNotFound extends ClientError {
  override name = 'SpanNotFound';
  readonly status = 404;
  readonly code = 'span_not_found';
  constructor(tipId: string, spanId: string) {
    super(`Tip ${tipId} has no sealed span ${spanId}; reload the tip's sealed evidence and pick one from the list.`);
  }
}

export class RevealRequestNotFound extends ClientError {
  override name = 'RevealRequestNotFound';
  readonly status = 404;
  readonly code = 'reveal_request_not_found';
  constructor(tipId: string, requestId: string) {
    super(`Tip ${tipId} has no reveal request ${requestId}; reload the tip's sealed evidence.`);
  }
}

export class RevealReasonInvalid extends ClientError {
  override name = 'RevealReasonInvalid';
  readonly status = 400;
  readonly code = 'reveal_reason_invalid';
  constructor() {
    super(`Say why the value is needed, in ${REVEAL_REASON.min} to ${REVEAL_REASON.max} characters (for example the police request number).`);
  }
  override body() {
    return { fields: { reason: `${REVEAL_REASON.min} to ${REVEAL_REASON.max} characters` } };
  }
}

/** 403 for anyone but a supervisor, whatever the route table says. */
export class SupervisorsOnly extends ClientError {
  override name = 'SupervisorsOnly';
  readonly status = 403;
  readonly code = 'forbidden';
  constructor() {
    super('Sealed evidence is for supervisors only; ask a supervisor if the police need an identifier.');
  }
}

export class OwnRevealRequest extends ClientError {
  override name = 'OwnRevealRequest';
  readonly status = 403;
  readonly code = 'own_reveal_request';
  constructor() {
    super('You asked for this reveal yourself: a second supervisor must approve or refuse it. Ask another supervisor to review it.');
  }
}

export class NotYourRevealRequest extends ClientError {
  override name = 'NotYourRevealRequest';
  readonly status = 403;
  readonly code = 'not_your_reveal_request';
  constructor(requester: StaffRef) {
    super(`Only ${requester.name}, who asked for this reveal, can read the value; if you need it too, ask for your own reveal.`);
  }
}

export class RevealAlreadyRequested extends Conflict {
  override name = 'RevealAlreadyRequested';
  override readonly code = 'reveal_already_requested';
  constructor(readonly requestId: string) {
    super('You already have an open request for this span; wait for a second supervisor to decide it, or read it if it is approved.');
  }
  override body() {
    return { requestId: this.requestId };
  }
}

export class RevealRequestDecided extends Conflict {
  override name = 'RevealRequestDecided';
  override readonly code = 'reveal_request_decided';
  constructor(readonly state?: StoredRequestState) {
    super(`This request was already ${state ?? 'decided'} by another supervisor; reload the tip's sealed evidence to see it.`);
  }
  override body() {
    return this.state ? { state: this.state } : {};
  }
}

export class RevealRequestExpired extends Conflict {
  override name = 'RevealRequestExpired';
  override readonly code = 'reveal_request_expired';
  constructor() {
    super('This request waited more than 24 hours without a decision and has expired; ask again with a new request.');
  }
}

export class RevealNotApproved extends Conflict {
  override name = 'RevealNotApproved';
  override readonly code = 'reveal_not_approved';
  constructor() {
    super('This request is not approved yet; the value can be read once a second supervisor approves it.');
  }
}

export class RevealRefused extends Conflict {
  override name = 'RevealRefused';
  override readonly code = 'reveal_refused';
  constructor() {
    super('This request was refused; the value cannot be read. Ask again with a new request if the need is still there.');
  }
}

export class RevealWindowClosed extends Conflict {
  override name = 'RevealWindowClosed';
  override readonly code = 'reveal_window_closed';
  constructor() {
    super('The 30 minutes to read this value after its approval have passed; ask for a new reveal.');
  }
}
