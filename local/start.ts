// `npm start`: the whole system on this machine. Prints where everything is; Ctrl-C stops it.
import { readLocalConfig } from './config';
import { newcomerLines } from './newcomer-banner';
import { PortInUse } from './ports';
import { startLocalStack } from './stack';

// Lambda runs Node 22; the SDK's notice about Node 20 support ending would only bury the banner.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = readLocalConfig();
  const stack = await startLocalStack(config, (line) => say(`[tipline] ${line}`));
  say('');
  say('tipline is running on its local stack');
  say(
    `  ports               HTTP ${config.httpPort} (API, webhook, form, dashboard) · DynamoDB Local ${config.dynamoDbPort} · SQS ${config.sqsPort} · local Twilio API ${config.twilioPort}`,
  );
  say(`  HTTP API            ${stack.httpUrl}`);
  say(`  public tip form     ${stack.httpUrl}/`);
  say(`  Twilio webhook      ${stack.webhookUrl}   (POST, signed with the auth token below)`);
  say(`  web tips            POST ${stack.httpUrl}/api/tips   {"text": "..."}`);
  say(`  operator dashboard  ${stack.httpUrl}/ops/`);
  if (stack.signInUrl('operator') !== undefined) {
    say(`    sign in as operator    ${stack.signInUrl('operator')}`);
    say(`    sign in as supervisor  ${stack.signInUrl('supervisor')}`);
    say(`    a second supervisor    ${stack.signInUrl('supervisor2')}   (revealing sealed evidence takes two)`);
    say(`    sign in as responder   ${stack.signInUrl('responder')}   (the roster's pol-rosa: sees only tips paged to her)`);
  }
  say(`  dev routes          ${stack.devRoutes}`);
  say(`  operator API        ${stack.httpUrl}/api/queue …   (docs/operator-api.md; Authorization: Bearer <ID token>)`);
  say(`  DynamoDB Local      ${stack.dynamoDbEndpoint}`);
  say(`  SQS                 ${stack.sqsEndpoint}   queue ${stack.tipsQueue.url}`);
  say(`  dead-letter queue   ${stack.tipsQueue.deadLetterUrl}`);
  say(`  local Twilio API    ${stack.twilioApiUrl}   (replies and pages sent: GET ${stack.twilioApiUrl}/local/outbox)`);
  for (const line of await newcomerLines(config, stack)) say(line);
  say(`  data folder         ${stack.dataDir}   (tips, secrets, the clock, pending deadlines, the outbox; delete it to start afresh)`);
  say(`  local secrets       ${stack.secretsPath}   (Twilio auth token, contact-key secret, receipt pepper, vault key, local issuer key)`);
  say('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n[tipline] ${signal}: finishing queued tips and stopping…`);
    await stack.stop();
    say('[tipline] stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof PortInUse) process.stderr.write(`tipline: ${error.message}\n`);
  else process.stderr.write(`tipline: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
