// The README's deploy section, read as a newcomer follows it: the commands come in an order that
// works on a fresh account, every `cdk synth`/`cdk deploy` in it synthesizes with its `-c` options
// (cdk-nag included, as bin/app.ts runs it) and names stacks the app then has, and every option
// the app takes is mentioned. Plus the variants the issue names: default, wafEnabled=false, the
// edge stack, two stages, everything set at once.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildTiplineApp } from '../../lib/app';
import { nagPacks } from '../../lib/nag';
import { SETTING_KEYS } from '../../lib/settings';
import { REPO_ROOT } from '../../lib/tipline-function';
import { cdkJsonContext } from './synth';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const SECTION = (() => {
  const start = README.indexOf('## Deploying with CDK');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end);
})();

interface CdkCommand {
  line: string;
  verb: 'synth' | 'deploy';
  stacks: string[];
  context: Record<string, string>;
}

/** The `npx cdk synth|deploy` lines of the section's code blocks, with their `-c` options and stack names. */
function cdkCommands(): CdkCommand[] {
  const blocks = [...SECTION.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const lines = blocks.flatMap((block) => block.replace(/\\\n/g, ' ').split('\n'));
  return lines.flatMap((line) => {
    const found = /npx cdk (synth|deploy)\b(.*)$/.exec(line);
    if (!found) return [];
    const words = (found[2] ?? '').trim().split(/\s+/).filter(Boolean);
    const context: Record<string, string> = {};
    const stacks: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      if (word === '-c' || word === '--context') {
        const [key = '', ...value] = (words[++i] ?? '').split('=');
        context[key] = value.join('=');
      } else if (word.startsWith('--')) {
        if (word === '--outputs-file') i++;
      } else stacks.push(word);
    }
    return [{ line: line.trim(), verb: found[1] as CdkCommand['verb'], stacks, context }];
  });
}

/** The `-c key=value` options the section's prose mentions (outside the commands), one by one. */
function inlineOptions(): Array<Record<string, string>> {
  const prose = SECTION.replace(/```sh\n[\s\S]*?```/g, '');
  return [...prose.matchAll(/`-c ([A-Za-z]+)=([^`\s]+)`/g)].map((m) => ({ [m[1] ?? '']: m[2] ?? '' }));
}

/** The app bin/app.ts builds, with cdk-nag, synthesized: throws on any unacknowledged finding. */
function synthesize(context: Record<string, string>): string[] {
  const app = new App({ context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] } });
  const { main, edge } = buildTiplineApp(app);
  Validations.of(app).addPlugins(...nagPacks(app));
  const assembly = app.synth();
  try {
    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual([main.stackName, ...(edge ? [edge.stackName] : [])].sort());
    return assembly.stacks.map((stack) => stack.stackName);
  } finally {
    if (assembly.directory.startsWith(tmpdir())) rmSync(assembly.directory, { recursive: true, force: true });
  }
}

const SYNTH_TIMEOUT_MS = 240_000;

describe("the README's deploy section", () => {
  it('puts the steps in an order that works on a fresh account', () => {
    const order = [
      'npm ci',
      'get-account-settings',
      'cdk bootstrap',
      'npm run build:web',
      'npx cdk synth',
      'npx cdk deploy tipline-prod ',
      'put-secret-value',
      'twilioAccountSid=',
      'TwilioWebhookUrl',
      'admin-create-user',
      'admin-add-user-to-group',
      'npm run --silent smoke',
    ];
    const at = order.map((step) => SECTION.indexOf(step));
    expect(
      order.filter((_, i) => (at[i] ?? -1) < 0),
      'steps missing',
    ).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('names every option the app takes, and shows both stages and the edge stack', () => {
    expect(SETTING_KEYS.filter((key) => !SECTION.includes(key))).toEqual([]);
    const stages = new Set(cdkCommands().map((command) => command.context.stage));
    expect([...stages].sort()).toEqual(['prod', 'staging']);
    expect(SECTION).toContain('cdk bootstrap aws://123456789012/us-east-1 aws://123456789012/sa-east-1');
    expect(SECTION).not.toMatch(/TIPLINE_OPS_CONNECT_ORIGIN|four functions/);
  });

  it('has cdk commands with -c options to check (the parser is not vacuous)', () => {
    const commands = cdkCommands();
    expect(commands.length).toBeGreaterThanOrEqual(6);
    expect(commands.every((command) => command.verb === 'synth' || command.stacks.length === 1)).toBe(true);
  });

  it(
    'every cdk command synthesizes with its -c options, and deploys a stack the app then has',
    () => {
      const synthesized = new Map<string, string[]>();
      for (const command of cdkCommands()) {
        const key = JSON.stringify(command.context);
        const stacks = synthesized.get(key) ?? synthesize(command.context);
        synthesized.set(key, stacks);
        for (const name of command.stacks) expect(stacks, command.line).toContain(name);
      }
      expect(synthesized.size).toBeGreaterThanOrEqual(5);
    },
    SYNTH_TIMEOUT_MS * 3,
  );

  it(
    'every -c option its prose mentions synthesizes on its own (wafEnabled=false among them)',
    () => {
      const options = inlineOptions();
      expect(options).toEqual(expect.arrayContaining([{ wafEnabled: 'false' }, { stage: 'staging' }]));
      for (const context of options) expect(synthesize(context).length, JSON.stringify(context)).toBeGreaterThan(0);
    },
    SYNTH_TIMEOUT_MS * 2,
  );
});

describe('synth', () => {
  it(
    'succeeds with no context at all: stage prod, its own WAF',
    () => {
      expect(synthesize({})).toEqual(['tipline-prod']);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'succeeds with every optional value set at once (the WAF imported, so not turned off)',
    () => {
      const all = Object.assign({}, ...cdkCommands().map((command) => command.context)) as Record<string, string>;
      delete all.wafEnabled;
      const everything = {
        ...all,
        stage: 'staging',
        edgeStack: 'true',
        publicUrl: 'https://tips.example.org',
        emergencyNumbers: '105:Policía,1818',
        quickExitUrl: 'https://www.example.org/clima',
        vaultTtlDays: '14',
        closedTipRetentionDays: '730',
        highUnclaimedPageAfterMinutes: '20',
        cognitoDomainPrefix: 'tipline-peru-staging',
      };
      expect(SETTING_KEYS.filter((key) => !(key in everything))).toEqual(['wafEnabled']);
      expect(synthesize(everything).sort()).toEqual(['tipline-staging', 'tipline-staging-edge']);
    },
    SYNTH_TIMEOUT_MS,
  );
});
