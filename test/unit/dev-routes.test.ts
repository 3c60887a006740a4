// Who the local stack's developer routes (/local/*, the demo sign-in) answer: this machine only,
// by socket address and Host both, and nobody at all behind a public URL unless opted in.
import { describe, expect, it } from 'vitest';
import {
  DEV_ROUTES_OPT_IN,
  describeDevRoutes,
  devRoutesMode,
  isDevRoute,
  isLoopbackAddress,
  isLoopbackHost,
  isLoopbackUrl,
  servesDevRoute,
} from '../../local/dev-routes';

const LOCAL = { remoteAddress: '127.0.0.1', host: '127.0.0.1:3000' };
const TUNNEL = { remoteAddress: '127.0.0.1', host: 'quiet-river-1234.trycloudflare.com' };
const onLoopback = devRoutesMode('http://127.0.0.1:3000', false);
const behindTunnel = devRoutesMode('https://quiet-river-1234.trycloudflare.com', false);
const optedIn = devRoutesMode('https://quiet-river-1234.trycloudflare.com', true);

describe('loopback socket addresses', () => {
  it.each(['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3'])('takes %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(['10.0.0.1', '192.168.1.20', '128.0.0.1', '127.0.0.256', '::ffff:10.0.0.1', '::2', 'fe80::1', '0.0.0.0', '', undefined])('refuses %j', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('loopback Host headers', () => {
  it.each(['localhost', 'localhost:3000', 'LOCALHOST:3000', '127.0.0.1', '127.0.0.1:3000', '127.9.9.9:80', '[::1]', '[::1]:3000'])('takes %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    'quiet-river-1234.trycloudflare.com',
    'abcd.ngrok-free.app:443',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    'localhost.',
    '::1',
    '[::2]:3000',
    '192.168.1.20:3000',
    'localhost:port',
    '',
    undefined,
  ])('refuses %j', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('the mode, from TIPLINE_PUBLIC_URL', () => {
  it.each(['http://127.0.0.1:3000', 'http://localhost:3000/', 'http://[::1]:3000'])('is on for the loopback URL %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
    expect(devRoutesMode(url, false)).toEqual({ on: true, why: 'loopback-public-url' });
  });

  it('is off for a public URL, and on only with the opt-in', () => {
    expect(behindTunnel).toEqual({ on: false, why: 'public-url', publicUrl: 'https://quiet-river-1234.trycloudflare.com' });
    expect(optedIn).toEqual({ on: true, why: 'opted-in', publicUrl: 'https://quiet-river-1234.trycloudflare.com' });
  });

  it('says in the banner which it is, and how to opt in', () => {
    expect(describeDevRoutes(onLoopback)).toMatch(/^on, for requests from this machine only/);
    expect(describeDevRoutes(behindTunnel)).toMatch(/^off: TIPLINE_PUBLIC_URL is public/);
    expect(describeDevRoutes(behindTunnel)).toContain(`${DEV_ROUTES_OPT_IN.variable}=${DEV_ROUTES_OPT_IN.value}`);
    expect(describeDevRoutes(optedIn)).toMatch(/^ON although TIPLINE_PUBLIC_URL is public/);
  });
});

describe('whether a request is answered', () => {
  it('answers this machine with a loopback Host', () => {
    expect(servesDevRoute(onLoopback, '/local/sign-in', LOCAL)).toBe(true);
    expect(servesDevRoute(onLoopback, '/local/outbox', { remoteAddress: '::1', host: 'localhost:3000' })).toBe(true);
  });

  it('refuses a tunnel: loopback address, public Host', () => {
    expect(servesDevRoute(onLoopback, '/local/sign-in', TUNNEL)).toBe(false);
    expect(servesDevRoute(optedIn, '/local/sign-in', TUNNEL)).toBe(false);
  });

  it('refuses another machine even with a loopback Host', () => {
    expect(servesDevRoute(onLoopback, '/local/sign-in', { remoteAddress: '192.168.1.20', host: 'localhost:3000' })).toBe(false);
  });

  it('behind a public URL refuses this machine too, unless opted in', () => {
    expect(servesDevRoute(behindTunnel, '/local/sign-in', LOCAL)).toBe(false);
    expect(servesDevRoute(behindTunnel, '/local/outbox', LOCAL)).toBe(false);
    expect(servesDevRoute(behindTunnel, '/local/clock', LOCAL)).toBe(false);
    expect(servesDevRoute(optedIn, '/local/sign-in', LOCAL)).toBe(true);
  });

  it("keeps the local issuer's public keys for this machine, whose functions check tokens with them", () => {
    expect(servesDevRoute(behindTunnel, '/local/.well-known/jwks.json', LOCAL)).toBe(true);
    expect(servesDevRoute(behindTunnel, '/local/.well-known/jwks.json', TUNNEL)).toBe(false);
  });

  it('knows its paths', () => {
    expect(['/local', '/local/', '/local/outbox', '/local/anything'].every(isDevRoute)).toBe(true);
    expect(['/localx', '/ops/local/sign-in', '/', '/api/tips'].some(isDevRoute)).toBe(false);
  });
});
