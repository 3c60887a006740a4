import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/config/tables';
import { Alarms } from './alarms';
import { ContactVault } from './contact-vault';
import { Dashboard } from './dashboard';
import { EncryptionKeys } from './encryption-keys';
import { attachEdgeFirewall, type EdgeFirewallChoice } from './edge-firewall';
import { TiplineHttpApi } from './http-api';
import { Intake } from './intake';
import { OperatorApi } from './operator-api';
import { Operators } from './operators';
import { Paging } from './paging';
import { PublicForm } from './public-form';
import { RosterApi } from './roster-api';
import { TiplineSecrets } from './secrets';
import type { TiplineSettings } from './settings';
import { Storage } from './storage';
import type { HandlerName, TiplineFunction } from './tipline-function';
import { TipsQueue } from './tips-queue';
import { TipsterReply } from './tipster-reply';
import { Triage } from './triage';
import { twilioAccount } from './twilio-account';
import { TwilioCleanup } from './twilio-cleanup';

export interface TiplineStackProps extends StackProps {
  /** What the app was configured with (readSettings in bin/app.ts). */
  settings: TiplineSettings;
}

/**
 * Env-agnostic on purpose (no account/region, no lookups): `cdk synth` and the tests run
 * offline, and the same template deploys to any account.
 */
export class TiplineStack extends Stack {
  /** Exposed for the infrastructure tests, which assert each function's own IAM statements. */
  readonly functions: Readonly<Record<HandlerName, TiplineFunction>>;
  readonly storage: Storage;
  readonly tipsQueue: TipsQueue;
  readonly secrets: TiplineSecrets;
  readonly vault: ContactVault;
  readonly twilioCleanup: TwilioCleanup;
  readonly paging: Paging;
  readonly httpApi: TiplineHttpApi;
  readonly operators: Operators;
  readonly dashboard: Dashboard;
  readonly publicForm: PublicForm;
  readonly edgeFirewall: EdgeFirewallChoice;
  readonly keys: EncryptionKeys;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: TiplineStackProps) {
    const { settings, ...stackProps } = props;
    super(scope, id, stackProps);

    this.keys = new EncryptionKeys(this, 'Keys');
    this.storage = new Storage(this, 'Storage', { key: this.keys.tables });
    this.tipsQueue = new TipsQueue(this, 'TipsQueue', { key: this.keys.queues });
    this.secrets = new TiplineSecrets(this, 'Secrets', { key: this.keys.secrets });
    this.vault = new ContactVault(this, 'ContactVault', { table: this.storage.contactVault, ttlDays: settings.vaultTtlDays });
    const twilio = twilioAccount(this, settings.twilio);
    this.twilioCleanup = new TwilioCleanup(this, 'TwilioCleanup', { vault: this.vault, secrets: this.secrets, twilio, queueKey: this.keys.queues });

    const intake = new Intake(this, 'Intake', {
      tipsQueue: this.tipsQueue.queue,
      secrets: this.secrets,
      vault: this.vault,
      intakeMemory: this.storage.intakeMemory,
      twilioCleanup: this.twilioCleanup,
      emergencyNumbers: settings.emergencyNumbers,
    });
    const triage = new Triage(this, 'Triage', { tipsQueue: this.tipsQueue, storage: this.storage });
    const operatorApi = new OperatorApi(this, 'OperatorApi', {
      storage: this.storage,
      vault: this.vault,
      closedTipRetentionDays: settings.closedTipRetentionDays,
    });
    const tipsterReply = new TipsterReply(this, 'TipsterReply', { storage: this.storage, vault: this.vault, secrets: this.secrets, twilio });
    this.paging = new Paging(this, 'Paging', {
      storage: this.storage,
      vault: this.vault,
      secrets: this.secrets,
      twilio,
      queueKey: this.keys.queues,
      highUnclaimedPageAfterMinutes: settings.highUnclaimedPageAfterMinutes,
    });
    this.paging.acceptTipsFrom(triage.fn);
    this.paging.acceptAcksFrom(intake.smsIntake);
    operatorApi.pagesThrough(this.paging.work);
    const rosterApi = new RosterApi(this, 'RosterApi', { storage: this.storage, vault: this.vault, secrets: this.secrets });
    this.publicForm = new PublicForm(this, 'PublicForm', {
      tipsQueue: this.tipsQueue.queue,
      secrets: this.secrets,
      storage: this.storage,
      vault: this.vault,
      emergencyNumbers: settings.emergencyNumbers,
      quickExitUrl: settings.quickExitUrl,
    });

    this.functions = {
      smsIntake: intake.smsIntake,
      webIntake: intake.webIntake,
      triage: triage.fn,
      operatorApi: operatorApi.fn,
      tipsterReply: tipsterReply.fn,
      twilioCleanup: this.twilioCleanup.fn,
      paging: this.paging.fn,
      smsStatus: this.paging.smsStatus,
      rosterApi: rosterApi.fn,
      publicForm: this.publicForm.fn,
    };

    // Sign-in before the API: the JWT routes need the dashboard's client, whose callback URL
    // is the distribution's, and the distribution fronts the API (proxyApi below).
    this.operators = new Operators(this, 'Operators', { stage: settings.stage, domainPrefix: settings.cognitoDomainPrefix });
    // The same distribution serves the public form at `/` (see Dashboard for why a CDN at all).
    this.dashboard = new Dashboard(this, 'Dashboard', {
      operators: this.operators,
      publicForm: this.publicForm,
      domain: settings.dashboardDomain,
      originVerify: this.secrets.originVerify,
    });
    this.publicForm.deployAssetsTo(this.dashboard);
    this.edgeFirewall = attachEdgeFirewall(this, this.dashboard.distribution, settings.waf);
    this.operators.trustTokensIn(operatorApi.fn);
    this.operators.listStaffIn(operatorApi.fn);
    this.operators.trustTokensIn(tipsterReply.fn);
    this.operators.trustTokensIn(rosterApi.fn);

    this.httpApi = new TiplineHttpApi(this, 'Http', {
      handlers: {
        smsIntake: intake.smsIntake,
        webIntake: intake.webIntake,
        operatorApi: operatorApi.fn,
        tipsterReply: tipsterReply.fn,
        smsStatus: this.paging.smsStatus,
        rosterApi: rosterApi.fn,
        publicForm: this.publicForm.fn,
      },
      jwtIssuer: this.operators.issuerUrl,
      jwtAudience: [this.operators.dashboardClient.userPoolClientId],
      publicUrl: settings.publicUrl,
    });
    intake.verifyTwilioSignaturesAgainst(this.httpApi.publicUrl);
    this.paging.useCallbacksAt(this.httpApi.publicUrl);
    this.dashboard.proxyApi(this.httpApi.api);

    this.alarms = new Alarms(this, 'Alarms', { key: this.keys.alarms, stage: settings.stage, email: settings.alarmEmail });
    for (const [name, work] of [
      ['Tips', this.tipsQueue],
      ['TwilioCleanup', this.twilioCleanup.jobs],
      ['Paging', this.paging.work],
    ] as const) {
      this.alarms.watchDeadLetterQueue(name, work.deadLetterQueue);
      this.alarms.watchQueueAge(name, work.queue, work.maxExpectedAge);
    }
    // Every function, the intakes first among them: a throttled or failing sms-intake is a tip
    // Twilio could not hand over.
    for (const [handler, fn] of Object.entries(this.functions)) this.alarms.watchFunction(capitalize(handler), fn);
    this.alarms.watchApiServerErrors(this.httpApi.api);

    const twilioRoute = ROUTES.find((route) => route.handler === 'smsIntake');
    if (twilioRoute === undefined) throw new Error('ROUTES has no sms-intake route');

    // What operators, the CLI and the end-to-end tests need; CDK names the resources.
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.publicUrl });
    new CfnOutput(this, 'TwilioWebhookUrl', {
      value: this.httpApi.urlOf(twilioRoute.path),
      description: 'Paste into the Twilio number and WhatsApp sender as the incoming-message webhook (POST).',
    });
    new CfnOutput(this, 'TwilioAuthTokenSecretArn', {
      value: this.secrets.twilioAuthToken.secretArn,
      description: 'Set the Twilio auth token here after the first deploy (put-secret-value).',
    });
    new CfnOutput(this, 'TipsQueueUrl', { value: this.tipsQueue.queue.queueUrl });
    new CfnOutput(this, 'TipsDeadLetterQueueUrl', { value: this.tipsQueue.deadLetterQueue.queueUrl });
    // `<shape name>TableName` for every table, in ALL_TABLES's order.
    for (const [name, table] of this.storage.byShapeName) new CfnOutput(this, `${name}TableName`, { value: table.tableName });
    new CfnOutput(this, 'VaultKeyArn', {
      value: this.vault.key.keyArn,
      description:
        'KMS key that wraps the data keys of the contact vault, cleanup jobs and responder phones; ' +
        'only sms-intake, tipster-reply, twilio-cleanup, roster-api and paging may use it, each for its own purpose.',
    });
    new CfnOutput(this, 'TwilioCleanupQueueUrl', { value: this.twilioCleanup.jobs.queue.queueUrl });
    new CfnOutput(this, 'TwilioCleanupDeadLetterQueueUrl', { value: this.twilioCleanup.jobs.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'PagingQueueUrl', { value: this.paging.work.queue.queueUrl });
    new CfnOutput(this, 'PagingDeadLetterQueueUrl', { value: this.paging.work.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Every alarm notifies here (docs/operations.md); subscribe with -c alarmEmail=<address> or in SNS.',
    });
    new CfnOutput(this, 'PublicFormUrl', { value: `${this.dashboard.origin}/`, description: 'The public tip form.' });
    if (this.edgeFirewall.kind === 'own') new CfnOutput(this, 'WebAclArn', { value: this.edgeFirewall.firewall.webAcl.attrArn });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: 'The operator dashboard (sign-in with the user pool below).' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.operators.userPool.userPoolId,
      description: 'Create staff with admin-create-user, then add them to operator, supervisor or responder.',
    });
    new CfnOutput(this, 'UserPoolClientId', { value: this.operators.dashboardClient.userPoolClientId });
    new CfnOutput(this, 'CognitoDomain', { value: this.operators.signInUrl, description: 'Hosted UI and OAuth endpoints.' });
    new CfnOutput(this, 'Stage', { value: settings.stage, description: 'The deployment (-c stage=…) this stack is.' });
    new CfnOutput(this, 'ContactKeySecretArn', {
      value: this.secrets.contactKey.secretArn,
      description: 'Generated at the first deploy; never rotate it without reading docs/operations.md (it re-keys every contact).',
    });
  }
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
