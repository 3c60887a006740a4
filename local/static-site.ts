// Serves a built single-page site (the operator dashboard) from a folder, with the same
// security headers CloudFront adds in AWS. Paths are resolved inside the folder only.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
} as const;

export interface StaticSite {
  /** Answers requests under `prefix`; false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/** A path whose percent-encoding is malformed (`%E0%A4%A`): a client's mistake, answered 400. */
function decodedPath(res: ServerResponse, encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request: the path has a malformed percent-encoding.');
    return undefined;
  }
}

/**
 * Source maps are never served, even from a dist/ built before the dashboard stopped emitting
 * them: they would hand anyone the dashboard's source. Answered as a missing file, not the page.
 */
const SOURCE_MAP = /\.map$/i;

/** A file generated per request (config.json), instead of read from the folder. */
export type GeneratedFile = (req: IncomingMessage) => unknown;

export function staticSite(prefix: string, folder: string, extra: Record<string, GeneratedFile> = {}): StaticSite {
  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === prefix.replace(/\/$/, '')) {
        res.writeHead(301, { location: prefix }).end();
        return true;
      }
      if (!url.pathname.startsWith(prefix)) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { 'content-type': 'text/plain' }).end('Method Not Allowed');
        return true;
      }
      const relative = decodedPath(res, url.pathname.slice(prefix.length));
      if (relative === undefined) return true;
      const generated = Object.hasOwn(extra, relative) ? extra[relative] : undefined;
      if (generated) {
        res.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store', ...SECURITY_HEADERS }).end(JSON.stringify(generated(req)));
        return true;
      }
      if (SOURCE_MAP.test(relative)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
        return true;
      }
      if (!existsSync(join(folder, 'index.html'))) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The dashboard is not built yet: run "npm run build:web", then reload.');
        return true;
      }
      const target = normalize(join(folder, relative));
      const inside = target === folder || target.startsWith(folder.endsWith(sep) ? folder : folder + sep);
      const file = inside && existsSync(target) && statSync(target).isFile() ? target : join(folder, 'index.html');
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // Hashed assets can be cached; the page itself must not be, so a new build is seen at once.
      const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
      res.writeHead(200, { 'content-type': type, 'cache-control': cache, ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return true;
    },
  };
}

/** A few named files at the root (the public form's script and style), as CloudFront serves them from S3. */
export function staticFiles(folder: string, names: readonly string[]): StaticSite {
  const allowed = new Set(names.map((name) => `/${name}`));
  return {
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!allowed.has(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      const file = join(folder, path.slice(1));
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return true;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...SECURITY_HEADERS,
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return true;
    },
  };
}
