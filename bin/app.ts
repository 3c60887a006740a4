import { App, Validations } from 'aws-cdk-lib';
import { TiplineEdgeStack } from '../lib/edge-firewall';
import { nagPacks } from '../lib/nag';
import { readSettings } from '../lib/settings';
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
//   quickExitUrl                     where the public form's quick exit goes (https)
//   closedTipRetentionDays           days a closed tip is kept before its time-to-live (365)
//   alarmEmail                       an address the dead-letter and consumer alarms mail (none)
//   wafEnabled, webAclArn, edgeStack the distribution's WAF (lib/edge-firewall.ts): by default
//                                    in this stack, which then deploys only to us-east-1; for
//                                    another region, deploy TiplineEdgeStack (edgeStack=true)
//                                    and pass its WebAclArn as webAclArn; wafEnabled=false: none
// Read once, here, and checked (lib/settings.ts): a wrong value fails the synth, naming its key.
const settings = readSettings(app);

new TiplineStack(app, 'TiplineStack', {
  description: 'tipline: anonymous tip line for human-trafficking reports',
  settings,
});

// Only on request, so that a plain `cdk deploy` still names a single stack.
if (settings.edgeStack) {
  new TiplineEdgeStack(app, 'TiplineEdgeStack', { description: 'tipline: the WAF WebACL in front of the CloudFront distribution (us-east-1)' });
}

// cdk-nag over the whole app: an unacknowledged error stops the synth (lib/nag.ts).
Validations.of(app).addPlugins(...nagPacks(app));
