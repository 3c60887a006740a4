// Environment variable names a function is configured with, shared by the CDK app (lib/), the
// functions and whatever else hosts them.
// Side-effect free on purpose: lib/ imports it without pulling in any handler code.
export const ENV = {
  tipsTable: 'TIPLINE_TIPS_TABLE',
  messagesTable: 'TIPLINE_MESSAGES_TABLE',
  contactsTable: 'TIPLINE_CONTACTS_TABLE',
  receiptsTable: 'TIPLINE_RECEIPTS_TABLE',
  contactVaultTable: 'TIPLINE_CONTACT_VAULT_TABLE',
  tipsQueueUrl: 'TIPLINE_TIPS_QUEUE_URL',
  twilioCleanupQueueUrl: 'TIPLINE_TWILIO_CLEANUP_QUEUE_URL',
  /** "true" to delete inbound messages from Twilio after queueing (needs the account SID). */
  deleteInboundFromTwilio: 'TIPLINE_DELETE_INBOUND_FROM_TWILIO',
  /** AWS: the KMS key that wraps the contact vault's data keys. */
  vaultKeyArn: 'TIPLINE_VAULT_KEY_ARN',
  /** Days a sender's address is kept for replies (30). */
  vaultTtlDays: 'TIPLINE_VAULT_TTL_DAYS',
  /** Twilio account and sender used for replies and deletions. */
  twilioAccountSid: 'TWILIO_ACCOUNT_SID',
  /** The number (E.164) or Messaging Service SID (MG…) replies are sent from. */
  twilioSender: 'TIPLINE_TWILIO_SENDER',
  /** Base URL that Twilio calls; the webhook signature is checked against it, never against Host. */
  publicUrl: 'TIPLINE_PUBLIC_URL',
  /** AWS: Secrets Manager secrets (plain text), one per value so each function reads only its own. */
  contactKeySecretArn: 'TIPLINE_CONTACT_KEY_SECRET_ARN',
  receiptPepperSecretArn: 'TIPLINE_RECEIPT_PEPPER_SECRET_ARN',
  twilioAuthTokenSecretArn: 'TIPLINE_TWILIO_AUTH_TOKEN_SECRET_ARN',
  /** AWS: the value CloudFront adds to every request it sends the API, so the API can tell it from a caller that went round it. */
  originVerifySecretArn: 'TIPLINE_ORIGIN_VERIFY_SECRET_ARN',
  auditTable: 'TIPLINE_AUDIT_TABLE',
  rosterTable: 'TIPLINE_ROSTER_TABLE',
  responderContactsTable: 'TIPLINE_RESPONDER_CONTACTS_TABLE',
  pagingTable: 'TIPLINE_PAGING_TABLE',
  pageDeliveriesTable: 'TIPLINE_PAGE_DELIVERIES_TABLE',
  evidenceTable: 'TIPLINE_EVIDENCE_TABLE',
  intakeMemoryTable: 'TIPLINE_INTAKE_MEMORY_TABLE',
  pagingQueueUrl: 'TIPLINE_PAGING_QUEUE_URL',
  /** Cases and their referrals to agencies (issue 17). */
  casesTable: 'TIPLINE_CASES_TABLE',
  /** Live counts and published months of the statistics (issue 18). */
  statisticsTable: 'TIPLINE_STATISTICS_TABLE',
  /** Days an open referral may go without an update before supervisors are reminded of it (7). */
  referralReminderDays: 'TIPLINE_REFERRAL_REMINDER_DAYS',
  /** Minutes a high tip may wait unclaimed before its region's on-call is paged (15). */
  highUnclaimedPageAfterMinutes: 'TIPLINE_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES',
  /** Longest delay put on one deadline message (900, SQS's limit); a later deadline is re-delayed. */
  pagingMaxDelaySeconds: 'TIPLINE_PAGING_MAX_DELAY_SECONDS',
  /** Automatic page SMS a region may send in any 60 minutes (6; PAGING_GUARDS in tables.ts). */
  pageBudgetPerRegionHour: 'TIPLINE_PAGE_BUDGET_PER_REGION_HOUR',
  /** Minutes within which a copy of a tip paged in its region is covered by that page (30). */
  duplicatePageWindowMinutes: 'TIPLINE_DUPLICATE_PAGE_WINDOW_MINUTES',
  /** Who signs operators' tokens: the Cognito user pool's issuer URL in AWS, the local issuer locally. */
  jwtIssuer: 'TIPLINE_JWT_ISSUER',
  /** The app client id the tokens are for (their `aud`). */
  jwtAudience: 'TIPLINE_JWT_AUDIENCE',
  /** Where the issuer's public keys are; `<issuer>/.well-known/jwks.json` when unset. */
  jwtJwksUri: 'TIPLINE_JWT_JWKS_URI',
  /** Comma-separated "number:label" pairs shown to tipsters, e.g. "105:Policía,1818". */
  emergencyNumbers: 'TIPLINE_EMERGENCY_NUMBERS',
  threadWindowMinutes: 'TIPLINE_THREAD_WINDOW_MINUTES',
  /** Where the public form's quick exit goes: a neutral site, replacing the page in history. */
  quickExitUrl: 'TIPLINE_QUICK_EXIT_URL',
  /** Days a closed tip is kept before DynamoDB's time-to-live deletes it (365): sets `expiresAt` on close. */
  closedTipRetentionDays: 'TIPLINE_CLOSED_TIP_RETENTION_DAYS',
  /** AWS: the Cognito user pool whose `operator` and `supervisor` groups are the staff a tip can be handed to. */
  staffUserPoolId: 'TIPLINE_STAFF_USER_POOL_ID',
} as const;
