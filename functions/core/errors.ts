// Errors a caller can see. Each says what to do next; one mapper turns them into HTTP codes.

export class InvalidRequest extends Error {
  override name = 'InvalidRequest';
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class PayloadTooLarge extends Error {
  override name = 'PayloadTooLarge';
  constructor(limitBytes: number) {
    super(`The request is larger than ${limitBytes} bytes; shorten the text and send it again.`);
  }
}

export class UnsupportedMediaType extends Error {
  override name = 'UnsupportedMediaType';
  constructor(expected: string) {
    super(`Send the request as ${expected}.`);
  }
}

export class TooManyRequests extends Error {
  override name = 'TooManyRequests';
  constructor() {
    super('Too many tips from this connection in a short time; wait a few minutes and send again. If someone is in danger now, call the police.');
  }
}

export class Unauthenticated extends Error {
  override name = 'Unauthenticated';
  constructor() {
    super('Sign in first: send a valid operator token in the Authorization header.');
  }
}

export class Forbidden extends Error {
  override name = 'Forbidden';
  constructor(message = 'You are not allowed to do this; ask a supervisor for access.') {
    super(message);
  }
}

export class TipNotFound extends Error {
  override name = 'TipNotFound';
  constructor(tipId: string) {
    super(`No tip ${tipId}; check the id in the queue.`);
  }
}

export type ClientError = InvalidRequest | TooManyRequests | PayloadTooLarge | UnsupportedMediaType | Unauthenticated | Forbidden | TipNotFound;
