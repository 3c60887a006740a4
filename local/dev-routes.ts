// Who the local stack's developer routes answer. `/local/*` hands out what no one outside this
// machine may have: the Twilio outbox (responders' and tipsters' numbers), the paging clock,
// and sign-in links that issue a supervisor's token without a password. They answer only a
// request that both comes from a loopback address and names a loopback Host: a tunnel
// (cloudflared, ngrok…) connects from loopback too, but carries its own public Host. With a
// public TIPLINE_PUBLIC_URL (a tunnel is expected) they are off altogether, unless opted in.
// Pure: the stack asks here per request.

export const DEV_ROUTES_OPT_IN = { variable: 'TIPLINE_DEV_ROUTES_ON_PUBLIC_URL', value: 'i-understand' } as const;

/**
 * Answered to loopback requests even when the other developer routes are off: the stack's own
 * functions fetch the local issuer's public keys there to check operators' tokens, and a public
 * key gives nothing away.
 */
export const LOOPBACK_ALWAYS = new Set(['/local/.well-known/jwks.json']);

export type DevRoutesMode =
  | { on: true; why: 'loopback-public-url' }
  | { on: true; why: 'opted-in'; publicUrl: string }
  | { on: false; why: 'public-url'; publicUrl: string };

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIpv4Loopback(value: string): boolean {
  const match = IPV4_LOOPBACK.exec(value);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

/** A socket's remote address: 127.0.0.0/8, ::1, or 127.x mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const lower = address.toLowerCase();
  return lower === '::1' || isIpv4Loopback(lower) || (lower.startsWith('::ffff:') && isIpv4Loopback(lower.slice('::ffff:'.length)));
}

/** A host name as a URL or a Host header gives it (no port): localhost, 127.x, [::1]. */
function isLoopbackHostname(hostname: string): boolean {
  const lower = hostname.toLowerCase();
  return lower === 'localhost' || lower === '[::1]' || isIpv4Loopback(lower);
}

/** A Host header, with or without a port. Anything else (a tunnel's name, none at all) is not loopback. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  return match !== null && isLoopbackHostname(match[1]!);
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHostname(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Once per start, from TIPLINE_PUBLIC_URL and the opt-in variable (already checked to be exactly its value or unset). */
export function devRoutesMode(publicUrl: string, optedIn: boolean): DevRoutesMode {
  if (isLoopbackUrl(publicUrl)) return { on: true, why: 'loopback-public-url' };
  return optedIn ? { on: true, why: 'opted-in', publicUrl } : { on: false, why: 'public-url', publicUrl };
}

export function isDevRoute(pathname: string): boolean {
  return pathname === '/local' || pathname.startsWith('/local/');
}

export interface RequestOrigin {
  /** The socket's remote address. */
  remoteAddress: string | undefined;
  /** The Host header. */
  host: string | undefined;
}

export function fromThisMachine(request: RequestOrigin): boolean {
  return isLoopbackAddress(request.remoteAddress) && isLoopbackHost(request.host);
}

/** Whether a developer route (or the dashboard's demo sign-in) answers this request; if not, it is answered as an unknown path. */
export function servesDevRoute(mode: DevRoutesMode, pathname: string, request: RequestOrigin): boolean {
  if (!fromThisMachine(request)) return false;
  return mode.on || LOOPBACK_ALWAYS.has(pathname);
}

/** For the start banner: whether they are on, and why. */
export function describeDevRoutes(mode: DevRoutesMode): string {
  switch (mode.why) {
    case 'loopback-public-url':
      return 'on, for requests from this machine only (loopback address and Host)';
    case 'opted-in':
      return `ON although TIPLINE_PUBLIC_URL is public (${mode.publicUrl}), because ${DEV_ROUTES_OPT_IN.variable}=${DEV_ROUTES_OPT_IN.value}; still only for requests from this machine with a loopback Host, never through the tunnel`;
    case 'public-url':
      return `off: TIPLINE_PUBLIC_URL is public (${mode.publicUrl}); no demo sign-in, outbox or clock. ${DEV_ROUTES_OPT_IN.variable}=${DEV_ROUTES_OPT_IN.value} turns them on for this machine only`;
    default: {
      const unexpected: never = mode;
      throw new Error(`unknown dev routes mode ${JSON.stringify(unexpected)}`);
    }
  }
}
