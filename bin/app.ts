import { App } from 'aws-cdk-lib';
import { TiplineStack } from '../lib/tipline-stack';

const app = new App();

// No `env`: the stack stays environment-agnostic so that synth never needs credentials.
// Optional context (-c key=value), all with offline defaults:
//   publicUrl, emergencyNumbers      the API's public base URL; numbers told to tipsters
//   vaultTtlDays                     days an address is kept for replies (30, at most 365)
//   twilioAccountSid, twilioSender   placeholders until set: replies fail without them
//   deleteInboundFromTwilio          "false" until set to "true" (needs twilioAccountSid)
//   highUnclaimedPageAfterMinutes    minutes a high tip may wait unclaimed before paging (15)
//   cognitoDomainPrefix              hosted UI prefix (default tipline-<stack name>-<account id>)
//   dashboardUrl, dashboardCertificateArn
//                                    https://<host>/ops/ and its ACM certificate (us-east-1), to
//                                    serve the dashboard on a custom domain with TLS 1.2 at least
new TiplineStack(app, 'TiplineStack', {
  description: 'tipline: anonymous tip line for human-trafficking reports',
});

// cdk-nag goes here, once, over the whole app: Aspects.of(app).add(new AwsSolutionsChecks()).
