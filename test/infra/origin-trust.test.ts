// The edge of the deployment: the API trusts the viewer address CloudFront reports only on
// requests carrying the secret CloudFront adds (per-sender limits cannot be dodged by forging
// headers at the public execute-api endpoint), the Twilio token's deploy-time placeholder is
// one the functions recognise, and the dashboard ships no source map.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Template } from 'aws-cdk-lib/assertions';
import { ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import { ORIGIN_VERIFY_HEADER } from '../../functions/config/secret-rules';
import { Dashboard } from '../../lib/dashboard';
import { Operators } from '../../lib/operators';
import { REPO_ROOT } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';
import { ALL_HANDLERS, ALL_VIEWER_EXCEPT_HOST_HEADER, inspect, sorted, type Json } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});
const { logicalId, props, distributionConfig, envOf, resourcesAllowed } = inspect(() => ({ stack, template }));

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

const originVerifyReference = () => ({
  'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: logicalId(stack.secrets.originVerify) }, ':SecretString:::}}']],
});

describe('the API behind CloudFront', () => {
  const origins = () => distributionConfig().Origins as Json[];
  const apiOrigin = () => {
    const found = origins().filter((origin) => origin.CustomOriginConfig !== undefined);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('gets the origin-verification secret from CloudFront in a custom header, as a dynamic reference, never a value', () => {
    expect(apiOrigin().OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: originVerifyReference() }]);
    // The bucket's origins get nothing: the secret goes only where it is checked.
    for (const origin of origins().filter((o) => o.S3OriginConfig !== undefined)) expect(origin.OriginCustomHeaders).toBeUndefined();
  });

  it("forwards CloudFront's viewer headers (CloudFront-Viewer-Address) on every behaviour that reaches the API", () => {
    const config = distributionConfig();
    const behaviours = [config.DefaultCacheBehavior as Json, ...(config.CacheBehaviors as Json[])].filter((b) => b.TargetOriginId === apiOrigin().Id);
    expect(behaviours.length).toBeGreaterThanOrEqual(3);
    for (const behaviour of behaviours) expect(behaviour.OriginRequestPolicyId, String(behaviour.PathPattern ?? 'default')).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
  });

  it('is a generated secret of 64 letters and digits', () => {
    expect(props(logicalId(stack.secrets.originVerify)).GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
  });

  it('is read by the two functions whose limits key on the sender address (web-intake and the public form), and by no other', () => {
    const secret = logicalId(stack.secrets.originVerify);
    const readers = ALL_HANDLERS.filter((handler) => resourcesAllowed(handler, 'secretsmanager:GetSecretValue').includes(secret));
    expect(sorted(readers)).toEqual(['publicForm', 'webIntake']);
    for (const handler of ALL_HANDLERS) {
      expect(envOf(handler)[ENV.originVerifySecretArn], handler).toEqual(readers.includes(handler) ? { Ref: secret } : undefined);
    }
  });
});

describe("the Twilio token's deploy-time placeholder", () => {
  it('is generated as 32 letters and digits, the shape the functions refuse at cold start (secret-rules.ts)', () => {
    // Upper and lower case both: a real token is lowercase hex, so a generated value is told apart.
    expect(props(logicalId(stack.secrets.twilioAuthToken)).GenerateSecretString).toEqual({ PasswordLength: 32, ExcludePunctuation: true });
  });
});

describe('the dashboard and its source maps', () => {
  it('are not emitted by the build', async () => {
    const outDir = tempDir('tipline-ops-build-');

    await build({ configFile: join(REPO_ROOT, 'web', 'ops', 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });

    const files = filesUnder(outDir);
    expect(files).toContain('index.html');
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) expect(readFileSync(join(outDir, file), 'utf8')).not.toContain('sourceMappingURL');
  }, 120_000);

  it('are left out of the deployed site even when a build left some in dist/', () => {
    const siteDir = tempDir('tipline-ops-dist-');
    mkdirSync(join(siteDir, 'assets'));
    writeFileSync(join(siteDir, 'index.html'), '<!doctype html><title>origin-trust marker</title>');
    writeFileSync(join(siteDir, 'assets', 'main-abc.js'), 'console.log(1);\n');
    writeFileSync(join(siteDir, 'assets', 'main-abc.js.map'), '{"version":3}');
    writeFileSync(join(siteDir, 'top.css.map'), '{"version":3}');
    const outdir = tempDir('tipline-ops-cdk-');
    const app = new App({ outdir });
    const bare = new Stack(app, 'Bare');
    const operators = new Operators(bare, 'Operators', { stage: 'test' });
    const dashboard = new Dashboard(bare, 'Dashboard', {
      operators,
      publicForm: { responseHeaders: new ResponseHeadersPolicy(bare, 'FormHeaders') },
      domain: undefined,
      siteDir,
      originVerify: new Secret(bare, 'OriginVerify'),
    });
    dashboard.proxyApi(new HttpApi(bare, 'Api'));

    app.synth();

    // The build goes as one asset without index.html, which the deployment writes itself (with
    // the sign-in origin in its CSP) as a second: neither carries a map.
    const staged = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const build = staged.filter((name) => existsSync(join(outdir, name, 'assets', 'main-abc.js')));
    expect(build).toHaveLength(1);
    expect(sorted(filesUnder(join(outdir, build[0]!)))).toEqual([join('assets', 'main-abc.js')]);
    const page = staged.filter(
      (name) => existsSync(join(outdir, name, 'index.html')) && readFileSync(join(outdir, name, 'index.html'), 'utf8').includes('origin-trust marker'),
    );
    expect(page).toHaveLength(1);
    for (const name of [...build, ...page]) expect(filesUnder(join(outdir, name)).filter((file) => file.endsWith('.map'))).toEqual([]);
  });
});
