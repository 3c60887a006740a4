import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/**
 * Secrets that exist only in Secrets Manager: the template carries a generation recipe, never a
 * value, and handlers receive only ARNs.
 *
 * The contact-key secret and the receipt pepper are two secrets rather than one JSON secret
 * with two keys: Secrets Manager generates only one value per secret, and the split lets
 * sms-intake read the contact-key secret without the pepper and web-intake the pepper without
 * the contact-key secret. Each holds its value as plain text, like the Twilio token, so one
 * loader in the handlers reads them all.
 */
export class TiplineSecrets extends Construct {
  /** HMAC key for contact keys (plain text). */
  readonly contactKey: Secret;
  /** Pepper for the slow hash of web receipt codes (plain text). */
  readonly receiptPepper: Secret;
  /** The Twilio auth token as plain text, set by an operator after the first deploy. */
  readonly twilioAuthToken: Secret;
  /**
   * What CloudFront adds to every request it sends the API (a custom origin header), so that the
   * public-facing functions can tell its requests, whose viewer address they may trust, from a
   * caller who went round it to the public execute-api endpoint.
   */
  readonly originVerify: Secret;

  constructor(scope: Construct, id: string, props: { key: IKey }) {
    super(scope, id);
    const { key } = props;

    this.contactKey = generatedSecret(this, 'ContactKeySecret', 'HMAC key for tipster contact keys (plain text).', key);
    acknowledge(this.contactKey, {
      id: 'AwsSolutions-SMG4',
      reason:
        "Not rotated automatically: every stored contact key (Contacts, vault entries, responders) is an HMAC under this value, so a rotation would cut every tipster off from their thread and every responder's ACK from their pages. Rotating it is a re-keying migration, not a schedule.",
    });
    this.receiptPepper = generatedSecret(this, 'ReceiptPepper', 'Pepper for web receipt code hashes (plain text).', key);
    acknowledge(this.receiptPepper, {
      id: 'AwsSolutions-SMG4',
      reason:
        "Not rotated automatically: every stored receipt hash is keyed with this pepper and the codes themselves are never stored, so a rotation would make every web tipster's receipt code stop working with no way to re-hash them.",
    });

    this.originVerify = new Secret(this, 'OriginVerify', {
      description: 'Sent by CloudFront to the API in a custom origin header; the web functions trust the viewer address only with it (plain text).',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(this.originVerify, {
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated automatically: CloudFront takes the value at deploy time (a dynamic reference in the origin header), so a rotation ' +
        'only takes effect with the next deploy; until then the functions, not recognising CloudFront, key rate limits on the edge address ' +
        '(stricter, never looser). Rotate with put-secret-value, then cdk deploy.',
    });

    // Starts as a random string rather than a readable placeholder: until an operator runs
    // `aws secretsmanager put-secret-value --secret-id <arn> --secret-string <token>`, every
    // Twilio signature check fails closed, and no guessable value ever sits in the template.
    // Its shape (32 letters and digits, where Twilio's tokens are 32 lowercase hex) is how the
    // functions recognise it at cold start and refuse to start (functions/config/secret-rules.ts):
    // keep the two in step.
    this.twilioAuthToken = new Secret(this, 'TwilioAuthToken', {
      description: 'Twilio auth token (plain text). Set after deploy with put-secret-value.',
      encryptionKey: key,
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
    });
    acknowledge(this.twilioAuthToken, {
      id: 'AwsSolutions-SMG4',
      reason:
        "Twilio issues this token, not AWS: it is rotated in Twilio's console (secondary token, promote) and then written here with put-secret-value; a Secrets Manager rotation Lambda would only generate a value Twilio does not know.",
    });
  }
}

function generatedSecret(scope: Construct, id: string, description: string, encryptionKey: IKey): Secret {
  return new Secret(scope, id, {
    description,
    encryptionKey,
    // 64 alphanumerics is about 380 bits; without punctuation the value can be pasted into a
    // shell or an .env file unquoted.
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    // Retained like the tables: without it the contact keys and receipt hashes stored there
    // can no longer be matched, and tipsters lose their threads and receipts.
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
