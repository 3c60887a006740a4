// One synthesis per test file, as cdk.json configures the app: the stack and its template are
// handed to the file once beforeAll has run; the temporary assembly is removed afterwards.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll } from 'vitest';
import * as z from 'zod';
import { REPO_ROOT } from '../../lib/tipline-function';
import { TiplineStack } from '../../lib/tipline-stack';

/** Without bundling: for files that assert the template, not the bundles. */
export function useSynthesizedStack(receive: (stack: TiplineStack, template: Template) => void): void {
  let assemblyDir: string | undefined;
  beforeAll(() => {
    const cdkJson = z.object({ context: z.record(z.string(), z.unknown()) }).parse(JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')));
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const stack = new TiplineStack(app, 'TiplineStack');
    receive(stack, Template.fromStack(stack));
    assemblyDir = app.synth().directory;
  });
  // Only a temporary assembly is removed, never a CDK_OUTDIR.
  afterAll(() => {
    if (assemblyDir?.startsWith(tmpdir())) rmSync(assemblyDir, { recursive: true, force: true });
  });
}
