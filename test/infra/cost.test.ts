// npm run cost: the fixed monthly cost read off the synthesized template, the cost per thousand
// tips from the dated price table, and docs/cost.md holding the figures it prints.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import activity from '../../bin/cost/activity.json' with { type: 'json' };
import { costReport, inventoryOf, smsSegments, total } from '../../bin/cost/model';
import prices from '../../bin/cost/prices.json' with { type: 'json' };
import { REPO_ROOT } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';
import { ALL_HANDLERS, type Json } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});

const json = () => template.toJSON() as Json;
const count = (type: string) => Object.keys(template.findResources(type)).length;

describe('the inventory', () => {
  it('is what the template holds: keys, secrets, alarms, the WAF and its rules, the work queues, every function’s memory', () => {
    const inventory = inventoryOf(json());
    expect(inventory).toMatchObject({
      kmsKeys: count('AWS::KMS::Key'),
      secrets: count('AWS::SecretsManager::Secret'),
      alarms: stack.alarms.alarms.size,
      webAcls: 1,
      wafRules: 3,
      workQueues: 3,
      userPools: 1,
      distributions: 1,
    });
    expect(Object.keys(inventory.memoryMb).sort()).toEqual([...ALL_HANDLERS].sort());
    expect(inventory.memoryMb.publicForm).toBe(1024);
    expect(inventory.memoryMb.triage).toBe(512);
  });

  it('has no WAF to pay for with wafEnabled=false', () => {
    const resources = Object.fromEntries(Object.entries(json().Resources as Json).filter(([, r]) => (r as Json).Type !== 'AWS::WAFv2::WebACL'));
    const withoutWaf = inventoryOf({ ...json(), Resources: resources });
    expect([withoutWaf.webAcls, withoutWaf.wafRules]).toEqual([0, 0]);
  });
});

describe('the price table', () => {
  it('is dated, marked as to be checked, and names its source page for every service it prices', () => {
    expect(prices.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(prices.status).toBe('to be checked');
    expect(prices.region).toBe('us-east-1');
    for (const url of Object.values(prices.sources)) expect(url).toMatch(/^https:\/\/(aws\.amazon\.com|www\.twilio\.com)\//);
  });
});

describe('the model', () => {
  it('counts SMS segments the way carriers bill them', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('á'.repeat(70))).toBe(1);
    expect(smsSegments('á'.repeat(71))).toBe(2);
    expect(smsSegments('á'.repeat(135))).toBe(3);
  });

  it('prices the fixed month from the inventory: keys, WAF, secrets, alarms', () => {
    const report = costReport(json(), prices, activity);
    const line = (item: string) => report.fixed.find((l) => l.item === item)?.usd;
    expect(line('KMS customer-managed keys')).toBe(count('AWS::KMS::Key') * prices.aws.kmsKeyPerMonth);
    expect(line('WAF web ACL and rules')).toBe(prices.aws.wafWebAclPerMonth + 3 * prices.aws.wafRulePerMonth);
    expect(line('Secrets Manager secrets')).toBeCloseTo(4 * prices.aws.secretPerMonth);
    expect(line('CloudWatch alarms')).toBeCloseTo(stack.alarms.alarms.size * prices.aws.alarmPerMonth);
  });
});

describe('npm run cost', () => {
  it('runs offline on a template and prints the same figures as docs/cost.md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipline-cost-'));
    try {
      const file = join(dir, 'template.json');
      writeFileSync(file, JSON.stringify(json()));
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/cost.ts', '--template', file, '--json'], { cwd: REPO_ROOT });
      const printed = JSON.parse(stdout) as ReturnType<typeof costReport> & { prices: { date: string } };
      const report = costReport(json(), prices, activity);
      expect(printed.prices.date).toBe(prices.date);
      expect(total(printed.fixed)).toBe(total(report.fixed));

      const docs = readFileSync(join(REPO_ROOT, 'docs', 'cost.md'), 'utf8');
      const dollars = (n: number) => `$${n.toFixed(2)}`;
      expect(docs).toContain(prices.date);
      for (const figure of [
        total(report.fixed),
        total(report.perThousandTips),
        report.smartEncoding.perThousandTipsUsd,
        ...report.scenarios.map((s) => s.monthlyUsd),
      ]) {
        expect(docs, dollars(figure)).toContain(dollars(figure));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
