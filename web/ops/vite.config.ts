// Builds the operator dashboard into web/ops/dist, served under /ops/ by the local gateway
// and by CloudFront. The CSP forbids inline script and style, so nothing may be inlined; for
// the same reason Vite's dev server (which injects <style> tags) is not used: develop with
// `vite build --watch` while `npm start` serves dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The token exchange POSTs to Cognito's domain, which is only known per deployment; the meta
 * CSP must allow it (a meta policy and a header policy both apply, so the header cannot widen it).
 * The CDK deployment writes that origin into the page itself (lib/dashboard/deployment.ts), so
 * the build says `'self'` alone; TIPLINE_OPS_CONNECT_ORIGIN is only for serving a build elsewhere.
 */
function cspConnectSrc(): Plugin {
  const extra = process.env.TIPLINE_OPS_CONNECT_ORIGIN ?? '';
  if (extra && new URL(extra).origin !== extra) throw new Error(`TIPLINE_OPS_CONNECT_ORIGIN must be a bare origin, got ${extra}`);
  return {
    name: 'tipline-csp-connect-src',
    transformIndexHtml: (html) => html.replace('__CONNECT_SRC__', extra ? `'self' ${extra}` : `'self'`),
  };
}

/**
 * The dashboard takes the API's types from core (`import type`, erased by the build), never
 * core's code: a value import from functions/ would bundle server code (and zod), so it fails
 * the build.
 */
function noServerCode(): Plugin {
  const server = fileURLToPath(new URL('../../functions/', import.meta.url));
  return {
    name: 'tipline-no-server-code',
    load(id) {
      if (id.startsWith(server)) this.error(`${id} is server code: the dashboard may only \`import type\` from functions/.`);
      return null;
    },
  };
}

export default defineConfig({
  root,
  base: '/ops/',
  plugins: [cspConnectSrc(), noServerCode()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is an inline script; every supported browser has modulepreload anyway.
    modulePreload: { polyfill: false },
    // Inlined assets would become data: URLs or inline styles the CSP refuses.
    assetsInlineLimit: 0,
    // No source maps: dist/ is what CloudFront and the local stack serve, and a map there would
    // publish the dashboard's source to anyone (lib/dashboard/deployment.ts leaves any out too).
    sourcemap: false,
  },
});
