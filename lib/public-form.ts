import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { accountWideName } from './account-wide-name';
import type { ContactVault } from './contact-vault';
import { ENV } from '../functions/config/env-names';
import { FORM_MEMORY_PREFIXES, MESSAGES_TABLE } from '../functions/config/tables';
import type { Dashboard } from './dashboard';
import { webTipFunction } from './intake';
import type { TiplineSecrets } from './secrets';
import type { Storage } from './storage';
import { REPO_ROOT, type TiplineFunction } from './tipline-function';
import { useTableItems, useTableItemsAndIndexes } from './wiring';

/** The form's static files; the distribution serves them at `/<name>` (FORM_ASSET_PATHS in dashboard.ts). */
export const FORM_ASSETS_DIR = 'web/form';
export const FORM_ASSET_FILES = ['form.js', 'form.css'] as const;
/** Where they sit in the site bucket, apart from `ops/`, so each deployment prunes only its own. */
export const FORM_KEY_PREFIX = 'form/';

export interface PublicFormProps {
  tipsQueue: IQueue;
  secrets: TiplineSecrets;
  storage: Storage;
  /** The contact vault's key: the form seals evidence with it, never opens it. */
  vault: ContactVault;
  /** Settings `emergencyNumbers`, as the intakes tell them. */
  emergencyNumbers: string;
  /** Settings `quickExitUrl`: where the quick exit sends a tipster. */
  quickExitUrl: string;
  /** The form's static files; `web/form` in the repository by default. */
  assetsDir?: string;
}

/**
 * The public tip form: a server-rendered page (so it works with JavaScript off) and the
 * receipt inbox. It queues tips and answers like web-intake, and reads a tip's thread only
 * after a receipt code's slow hash has matched: no vault table, no Tips or Audit table, and of the
 * vault's key only the right to seal evidence (never to open it). It writes its own keyed notes
 * (spent form tokens, attempts per code) to IntakeMemory, and nothing else there.
 */
export class PublicForm extends Construct {
  readonly fn: TiplineFunction;
  /** CSP, HSTS, no referrer, no framing, no powerful features, never stored: every form response. */
  readonly responseHeaders: ResponseHeadersPolicy;
  readonly contentSecurityPolicy: string;
  readonly quickExitUrl: string;
  readonly assetsDir: string;
  /** Whether every file in FORM_ASSET_FILES was there at synth (otherwise placeholders are deployed). */
  readonly built: boolean;
  private deployment: BucketDeployment | undefined;

  constructor(scope: Construct, id: string, props: PublicFormProps) {
    super(scope, id);

    this.fn = webTipFunction(this, 'PublicForm', {
      handler: 'publicForm',
      description: 'Public tip form and receipt inbox: render, validate, queue; read a thread by receipt.',
      tipsQueue: props.tipsQueue,
      secrets: props.secrets,
      vault: props.vault,
    });
    // A receipt hash leads to one tip id; there is nothing to list, so no Query or Scan.
    useTableItems(this.fn, props.storage.receipts, ENV.receiptsTable, ['dynamodb:GetItem']);
    // The thread of that one tip, through its index: not GetItem on the table, which would
    // let a message id picked from elsewhere be read without knowing its tip.
    useTableItemsAndIndexes(this.fn, props.storage.messages, MESSAGES_TABLE, ENV.messagesTable, [], ['MessagesByTip']);
    this.rememberSpentTokensAndAttempts(props.storage);
    this.fn.addEnvironment(ENV.emergencyNumbers, props.emergencyNumbers);
    this.quickExitUrl = props.quickExitUrl;
    this.fn.addEnvironment(ENV.quickExitUrl, this.quickExitUrl);

    this.contentSecurityPolicy = [
      "default-src 'none'",
      "style-src 'self'",
      "script-src 'self'",
      "img-src 'self'",
      // form.js reads the receipt inbox with fetch; without this, default-src 'none' blocks it.
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    this.responseHeaders = new ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: accountWideName(this, 'form-headers'),
      comment: 'tipline public form: strict CSP, HSTS preload, no referrer, no features, never stored',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        // A link followed from the form must not tell the next site where the tipster was.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()', override: true },
          // Overrides the origin's: a page or script in the disk cache of a shared phone shows
          // that someone visited the tip line.
          { header: 'Cache-Control', value: 'no-store', override: true },
        ],
      },
    });

    this.assetsDir = props.assetsDir ?? join(REPO_ROOT, FORM_ASSETS_DIR);
    const missing = FORM_ASSET_FILES.filter((name) => !existsSync(join(this.assetsDir, name)));
    this.built = missing.length === 0;
    if (!this.built) {
      // As for the dashboard: a clean clone must synthesize; the page works without them.
      Annotations.of(this).addWarningV2(
        'tipline:formAssetsMissing',
        `${this.assetsDir} lacks ${missing.join(', ')}: placeholders are deployed in their place. The form works without them (no script, no style).`,
      );
    }
  }

  /**
   * Spent one-time form tokens (a conditional put, a delete when the post then fails on our side)
   * and attempts per receipt code (an atomic add), in IntakeMemory under the form's own prefixes
   * only: the condition on the partition key keeps it off sms-intake's items there, and it can read
   * none (no GetItem; the add answers its own count). wiring.ts has no conditioned grant, so the
   * tables' key is granted here as wiring.ts grants it to every writer: through DynamoDB only.
   */
  private rememberSpentTokensAndAttempts(storage: Storage): void {
    const table = storage.intakeMemory;
    this.fn.addEnvironment(ENV.intakeMemoryTable, table.tableName);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': FORM_MEMORY_PREFIXES.map((prefix) => `${prefix}*`) } },
      }),
    );
    const key = table.encryptionKey;
    if (key === undefined) return;
    const stack = Stack.of(this);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
      }),
    );
  }

  /** Copies the static files into the site bucket under `form/`, where the distribution reads them. */
  deployAssetsTo(dashboard: Dashboard): BucketDeployment {
    if (this.deployment !== undefined) throw new Error('the form assets are already deployed');
    const present = (name: string): boolean => existsSync(join(this.assetsDir, name));
    // Only /form.js and /form.css reach the bucket's form/ prefix (the rest of the site goes
    // to the API), so anything else in the folder is uploaded but never served.
    const sources: ISource[] = [
      ...(FORM_ASSET_FILES.some((name) => present(name)) ? [Source.asset(this.assetsDir)] : []),
      ...FORM_ASSET_FILES.filter((name) => !present(name)).map((name) => Source.data(name, PLACEHOLDER[name])),
    ];
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources,
      destinationBucket: dashboard.bucket,
      destinationKeyPrefix: FORM_KEY_PREFIX,
      // The CDN revalidates; browsers get no-store from the response headers policy anyway.
      cacheControl: [CacheControl.noCache()],
      distribution: dashboard.distribution,
      distributionPaths: FORM_ASSET_FILES.map((name) => `/${name}`),
      memoryLimit: 256,
      // The provider is shared with the dashboard's deployment, and so is its log group.
      logGroup: dashboard.deploymentLogs,
    });
    return this.deployment;
  }
}

const PLACEHOLDER: Record<(typeof FORM_ASSET_FILES)[number], string> = {
  'form.js': '// placeholder: web/form/form.js was missing at synth\n',
  'form.css': '/* placeholder: web/form/form.css was missing at synth */\n',
};
