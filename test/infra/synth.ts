// The app as bin/app.ts builds it: cdk.json's context (the feature flags), the settings read
// from the app's context, and one synthesis per test file: the stack and its template are
// handed to the file once beforeAll has run; the temporary assembly is removed afterwards.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll } from 'vitest';
import * as z from 'zod';
import { buildTiplineApp } from '../../lib/app';
import { readSettings, type TiplineSettings } from '../../lib/settings';
import { REPO_ROOT } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';

/** cdk.json's context: the same feature flags as `cdk synth`, so the tests see the template that deploys. */
export function cdkJsonContext(): Record<string, unknown> {
  return z.object({ context: z.record(z.string(), z.unknown()) }).parse(JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'))).context;
}

/** The settings `-c` values (or cdk.json) would give, read the way bin/app.ts reads them. */
export function settingsFor(context: Record<string, unknown> = {}): TiplineSettings {
  return readSettings(new App({ context }));
}

/** The main stack in `app`, with the settings of the app's context, as bin/app.ts builds it. */
export function tiplineStack(app: App): TiplineStack {
  return buildTiplineApp(app).main;
}

export interface SynthOptions {
  /** Bundle the functions (slow): only for the file that looks inside the bundles. Off by default. */
  bundling?: boolean;
  timeoutMs?: number;
}

/** One synthesis for the calling file, with cdk.json's context; without bundling unless asked. */
export function useSynthesizedStack(receive: (stack: TiplineStack, template: Template, assemblyDir: string) => void, options: SynthOptions = {}): void {
  let assemblyDir: string | undefined;
  beforeAll(() => {
    const app = new App({ context: { ...cdkJsonContext(), ...(options.bundling === true ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
    const stack = tiplineStack(app);
    const template = Template.fromStack(stack);
    // Stage.synth() caches, so this is the assembly the template came from, not a second synth.
    assemblyDir = app.synth().directory;
    receive(stack, template, assemblyDir);
  }, options.timeoutMs);
  // Only a temporary assembly is removed, never a CDK_OUTDIR.
  afterAll(() => {
    if (assemblyDir?.startsWith(tmpdir())) rmSync(assemblyDir, { recursive: true, force: true });
  });
}
