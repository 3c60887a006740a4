// npm run cost: what a deployment costs before a tip arrives (per month) and per thousand tips,
// from the template as it would deploy and the dated price table in bin/cost/prices.json.
// Offline: the template is synthesized here (no bundling, no credentials) unless one is given.
//
//   npm run --silent cost                                  the default app
//   npm run --silent cost -- -c wafEnabled=false           any -c option, as for cdk synth
//   npm run --silent cost -- --template cdk.out/tipline-prod.template.json
//   npm run --silent cost -- --tips 500 --dashboard-hours 176 [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildTiplineApp } from '../lib/app';
import { REPO_ROOT } from '../lib/tipline-function';
import activity from './cost/activity.json' with { type: 'json' };
import { costReport, total, type CostReport, type Line, type Scenario } from './cost/model';
import prices from './cost/prices.json' with { type: 'json' };

/** The main stack's template as `cdk synth` would write it, with cdk.json's context and `context` over it. */
export function synthesizedTemplate(context: Record<string, string>): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...cdkJson.context, ...context, 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(buildTiplineApp(app).main).toJSON();
}

/** Cents, or four decimals for what costs less than a cent. */
const money = (n: number) => `$${(n !== 0 && Math.abs(n) < 0.01 ? n.toFixed(4) : n.toFixed(2)).padStart(9)}`;

function table(title: string, lines: Line[]): string {
  const width = Math.max(...lines.map((line) => line.item.length));
  return [
    title,
    ...lines.map((line) => `  ${line.item.padEnd(width)}  ${money(line.usd)}   ${line.how}`),
    `  ${'total'.padEnd(width)}  ${money(total(lines))}`,
  ].join('\n');
}

export function formatReport(report: CostReport): string {
  return [
    `tipline cost model. Prices: ${prices.region}, ${prices.currency}, as of ${prices.date} (${prices.status}); sources in bin/cost/prices.json.`,
    `Activity per tip: bin/cost/activity.json (estimates). An SMS acknowledgement is ${report.acknowledgementSegments.toFixed(2)} segments on average.`,
    '',
    table('Fixed, per month (before any tip):', report.fixed),
    '',
    table('Variable, per 1,000 tips:', report.perThousandTips),
    '',
    `  With Twilio's Smart Encoding on (acknowledgements in GSM-7, ${report.smartEncoding.acknowledgementSegments.toFixed(2)} segments): ` +
      `$${report.smartEncoding.perThousandTipsUsd.toFixed(2)} per 1,000 tips.`,
    '',
    table('An operator dashboard open for one hour (it polls the queue):', report.perDashboardHour),
    '',
    'Per month:',
    ...report.scenarios.map((s) => `  ${money(s.monthlyUsd)}  ${s.name}`),
  ].join('\n');
}

export function parseCostArgs(argv: string[]): { template?: string; context: Record<string, string>; json: boolean; scenario?: Scenario } {
  const { values } = parseArgs({
    args: argv,
    options: {
      template: { type: 'string' },
      context: { type: 'string', short: 'c', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      tips: { type: 'string' },
      'dashboard-hours': { type: 'string', default: '0' },
    },
    strict: true,
  });
  const context: Record<string, string> = {};
  for (const pair of values.context) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`-c takes key=value, got ${JSON.stringify(pair)}`);
    context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const tips = values.tips === undefined ? undefined : Number(values.tips);
  const hours = Number(values['dashboard-hours']);
  if (tips !== undefined && !(tips >= 0)) throw new Error('--tips takes a number of tips a month');
  if (!(hours >= 0)) throw new Error('--dashboard-hours takes a number of hours a month');
  return {
    ...(values.template === undefined ? {} : { template: values.template }),
    context,
    json: values.json,
    ...(tips === undefined ? {} : { scenario: { name: `${tips} tips a month, dashboards open ${hours} h`, tipsPerMonth: tips, dashboardHours: hours } }),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const args = parseCostArgs(process.argv.slice(2));
    const template =
      args.template === undefined ? synthesizedTemplate(args.context) : (JSON.parse(readFileSync(args.template, 'utf8')) as Record<string, unknown>);
    const report = costReport(template, prices, activity);
    if (args.scenario) {
      const { scenario } = args;
      const monthlyUsd =
        total(report.fixed) + (total(report.perThousandTips) * scenario.tipsPerMonth) / 1000 + total(report.perDashboardHour) * scenario.dashboardHours;
      report.scenarios.push({ ...scenario, monthlyUsd: Math.round(monthlyUsd * 100) / 100 });
    }
    console.log(
      args.json ? JSON.stringify({ prices: { date: prices.date, status: prices.status, region: prices.region }, ...report }, null, 2) : formatReport(report),
    );
  } catch (error: unknown) {
    console.error(`cost: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
