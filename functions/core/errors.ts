// Errors a caller can see. Each says what to do next, and carries its own answer (status, code,
// extra fields), so that the one mapper in adapters/http turns every one of them into HTTP the
// same way: no handler keeps a side mapper of its own.

export abstract class ClientError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra fields of the JSON answer besides `error` and `message`. */
  body(): Record<string, unknown> {
    return {};
  }
  /** Extra headers of the answer. */
  headers(): Record<string, string> {
    return {};
  }
}

export class InvalidRequest extends ClientError {
  override name = 'InvalidRequest';
  readonly status = 400;
  readonly code = 'invalid_request';
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
  override body() {
    return { fields: this.fields };
  }
}

export class PayloadTooLarge extends ClientError {
  override name = 'PayloadTooLarge';
  readonly status = 413;
  readonly code = 'payload_too_large';
  constructor(limitBytes: number) {
    super(`The request is larger than ${limitBytes} bytes; shorten the text and send it again.`);
  }
}

export class UnsupportedMediaType extends ClientError {
  override name = 'UnsupportedMediaType';
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  constructor(expected: string) {
    super(`Send the request as ${expected}.`);
  }
}

export class TooManyRequests extends ClientError {
  override name = 'TooManyRequests';
  readonly status = 429;
  readonly code = 'too_many_requests';
  constructor() {
    super('Too many tips from this connection in a short time; wait a few minutes and send again. If someone is in danger now, call the police.');
  }
  override headers() {
    return { 'retry-after': '600' };
  }
}

export class Unauthenticated extends ClientError {
  override name = 'Unauthenticated';
  readonly status = 401;
  readonly code = 'unauthenticated';
  constructor() {
    super('Sign in first: send a valid operator token in the Authorization header.');
  }
  override headers() {
    return { 'www-authenticate': 'Bearer' };
  }
}

export class Forbidden extends ClientError {
  override name = 'Forbidden';
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(message = 'You are not allowed to do this; ask a supervisor for access.') {
    super(message);
  }
}

/** A webhook that Twilio did not sign: answered 403 in plain text, the body never read further. */
export class NotSignedByTwilio extends ClientError {
  override name = 'NotSignedByTwilio';
  readonly status = 403;
  readonly code = 'forbidden';
  constructor() {
    super('Forbidden: this endpoint only accepts requests signed by Twilio.');
  }
}

export class NotFound extends ClientError {
  override name = 'NotFound';
  readonly status = 404;
  readonly code = 'not_found';
}

export class TipNotFound extends NotFound {
  override name = 'TipNotFound';
  constructor(tipId: string) {
    super(`No tip ${tipId}; check the id in the queue.`);
  }
}

/** 409: the request is sound but the state it would change does not allow it now. */
export class Conflict extends ClientError {
  override name = 'Conflict';
  readonly status = 409;
  readonly code: string = 'conflict';
}
