import { App, Validations } from 'aws-cdk-lib';
import { buildTiplineApp } from '../lib/app';
import { nagPacks } from '../lib/nag';

const app = new App();

// No `env`: the stack stays environment-agnostic so that synth never needs credentials.
// Optional context (-c key=value), all with offline defaults:
//   stage                            which deployment (prod): the stack is tipline-<stage>, and
//                                    every account- or region-wide name carries the stage
//   publicUrl, emergencyNumbers      the API's public base URL; numbers told to tipsters
//   vaultTtlDays                     days an address is kept for replies (30, at most 365)
//   twilioAccountSid, twilioSender   placeholders until set: replies fail without them
//   deleteInboundFromTwilio          "false" until set to "true" (needs twilioAccountSid)
//   highUnclaimedPageAfterMinutes    minutes a high tip may wait unclaimed before paging (15)
//   cognitoDomainPrefix              hosted UI prefix (default tipline-<stage>-<account id>)
//   dashboardUrl, dashboardCertificateArn
//                                    https://<host>/ops/ and its ACM certificate (us-east-1), to
//                                    serve the dashboard on a custom domain with TLS 1.2 at least
//   quickExitUrl                     where the public form's quick exit goes (https)
//   closedTipRetentionDays           days a closed tip and everything stored about it are kept
//                                    after it is closed (365)
//   alarmEmail                       an address every alarm mails (none)
//   wafEnabled, webAclArn, edgeStack the distribution's WAF (lib/edge-firewall.ts): by default
//                                    in this stack, which then deploys only to us-east-1; for
//                                    another region, deploy tipline-<stage>-edge (edgeStack=true)
//                                    and pass its WebAclArn as webAclArn; wafEnabled=false: none
// Read once (lib/settings.ts) and checked: a wrong value fails the synth, naming its key.
buildTiplineApp(app);

// cdk-nag over the whole app: an unacknowledged error stops the synth (lib/nag.ts).
Validations.of(app).addPlugins(...nagPacks(app));
