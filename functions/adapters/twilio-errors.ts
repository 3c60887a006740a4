// Errors of the Twilio adapters, in a module of their own so that the HTTP error mapping can
// recognise them without pulling the Twilio client into every function's bundle.

export class TwilioRequestFailed extends Error {
  override name = 'TwilioRequestFailed';
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly retryable: boolean,
  ) {
    super(
      status === 0
        ? `Twilio request failed without an answer${retryable ? ' (network)' : ''}`
        : `Twilio answered HTTP ${status}${code === undefined ? '' : ` (error ${code})`}`,
    );
  }
}

export class TwilioNotConfigured extends Error {
  override name = 'TwilioNotConfigured';
  constructor(names: string) {
    super(`Messages to tipsters cannot be sent yet: set ${names} for this deployment (README "Pointing a real Twilio number at it").`);
  }
}
