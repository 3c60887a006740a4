// Environment variable names, shared by the CDK app (lib/), the handlers and the local stack.
// Side-effect free on purpose: lib/ imports it without pulling in any handler code.
export const ENV = {
  tipsTable: 'TIPLINE_TIPS_TABLE',
  messagesTable: 'TIPLINE_MESSAGES_TABLE',
  contactsTable: 'TIPLINE_CONTACTS_TABLE',
  receiptsTable: 'TIPLINE_RECEIPTS_TABLE',
  tipsQueueUrl: 'TIPLINE_TIPS_QUEUE_URL',
  /** Base URL that Twilio calls; the webhook signature is checked against it, never against Host. */
  publicUrl: 'TIPLINE_PUBLIC_URL',
  /** AWS: Secrets Manager secrets (plain text), one per value so each function reads only its own. */
  contactKeySecretArn: 'TIPLINE_CONTACT_KEY_SECRET_ARN',
  receiptPepperSecretArn: 'TIPLINE_RECEIPT_PEPPER_SECRET_ARN',
  twilioAuthTokenSecretArn: 'TIPLINE_TWILIO_AUTH_TOKEN_SECRET_ARN',
  /** Local stack only: secrets handed in directly (generated under the data folder). */
  twilioAuthToken: 'TWILIO_AUTH_TOKEN',
  contactKeySecret: 'TIPLINE_CONTACT_KEY_SECRET',
  receiptPepper: 'TIPLINE_RECEIPT_PEPPER',
  /** Local stack only: the bearer token that the operator API accepts until sign-in exists. */
  devOperatorToken: 'TIPLINE_DEV_OPERATOR_TOKEN',
  /** Comma-separated "number:label" pairs shown to tipsters, e.g. "105:Policía,1818". */
  emergencyNumbers: 'TIPLINE_EMERGENCY_NUMBERS',
  threadWindowMinutes: 'TIPLINE_THREAD_WINDOW_MINUTES',
} as const;

/** Local stack configuration (not read by handlers). */
export const LOCAL_ENV = {
  httpPort: 'TIPLINE_HTTP_PORT',
  dynamoDbPort: 'TIPLINE_DYNAMODB_PORT',
  sqsPort: 'TIPLINE_SQS_PORT',
  dataDir: 'TIPLINE_DATA_DIR',
} as const;
