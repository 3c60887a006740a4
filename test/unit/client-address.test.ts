// The address per-sender limits key on: the connection API Gateway saw, never X-Forwarded-For;
// CloudFront's viewer address only on a request that carries the secret CloudFront adds.
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, trustViewerAddressFrom, viewerAddressOf } from '../../functions/adapters/http';
import { ORIGIN_VERIFY_HEADER } from '../../functions/config/secret-rules';
import { apiEvent } from '../support/fakes';

const EDGE_SECRET = 'Qm9TzR2pLw7NbY4sHd8JcF6gUe1AXk3vQm9TzR2pLw7NbY4sHd8JcF6gUe1AXk3v';
const EDGE = '130.176.1.1';
const VIEWER = '203.0.113.9';

afterEach(() => trustViewerAddressFrom(undefined));

describe('without CloudFront (API Gateway directly, or the local stack)', () => {
  it('keys on the source address, whatever X-Forwarded-For says', () => {
    const addresses = ['198.51.100.1', '198.51.100.2', `10.0.0.1, ${VIEWER}`].map((forwarded) =>
      clientAddress(apiEvent({ sourceIp: '192.0.2.7', headers: { 'x-forwarded-for': forwarded } })),
    );
    expect(addresses).toEqual(['192.0.2.7', '192.0.2.7', '192.0.2.7']);
  });

  it('ignores a CloudFront-Viewer-Address and a verification header that nothing is configured to trust', () => {
    const event = apiEvent({ sourceIp: '192.0.2.7', headers: { [ORIGIN_VERIFY_HEADER]: '', 'cloudfront-viewer-address': `${VIEWER}:443` } });
    expect(clientAddress(event)).toBe('192.0.2.7');
  });
});

describe('behind CloudFront, with the origin-verification secret configured', () => {
  const event = (headers: Record<string, string>) => apiEvent({ sourceIp: EDGE, headers });

  it("takes CloudFront's viewer address when the request carries the secret", () => {
    trustViewerAddressFrom(EDGE_SECRET);
    expect(clientAddress(event({ [ORIGIN_VERIFY_HEADER]: EDGE_SECRET, 'cloudfront-viewer-address': `${VIEWER}:51234`, 'x-forwarded-for': '1.2.3.4' }))).toBe(
      VIEWER,
    );
    expect(clientAddress(event({ [ORIGIN_VERIFY_HEADER]: EDGE_SECRET, 'cloudfront-viewer-address': '2001:db8::7:51234' }))).toBe('2001:db8::7');
  });

  it('keys on the connection when the secret is missing, wrong, or of another length (a caller who went round CloudFront)', () => {
    trustViewerAddressFrom(EDGE_SECRET);
    for (const presented of [undefined, 'guess', `${EDGE_SECRET}x`, EDGE_SECRET.toLowerCase()]) {
      const headers: Record<string, string> = { 'cloudfront-viewer-address': `${VIEWER}:51234` };
      if (presented !== undefined) headers[ORIGIN_VERIFY_HEADER] = presented;
      expect(clientAddress(event(headers)), String(presented)).toBe(EDGE);
    }
  });

  it('keys on the connection when the viewer address cannot be read', () => {
    trustViewerAddressFrom(EDGE_SECRET);
    expect(clientAddress(event({ [ORIGIN_VERIFY_HEADER]: EDGE_SECRET }))).toBe(EDGE);
    expect(clientAddress(event({ [ORIGIN_VERIFY_HEADER]: EDGE_SECRET, 'cloudfront-viewer-address': 'not-an-address:1' }))).toBe(EDGE);
  });
});

describe('CloudFront-Viewer-Address', () => {
  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['2001:0db8:85a3::8a2e:0370:7334:46532', '2001:0db8:85a3::8a2e:0370:7334'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['198.51.100.10', undefined],
    ['198.51.100.10:port', undefined],
    ['evil.example:443', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, address) => {
    expect(viewerAddressOf(value)).toBe(address);
  });
});
