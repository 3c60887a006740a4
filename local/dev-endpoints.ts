// The local stack's developer routes under `/local/`: the Twilio outbox, the paging clock, the
// local issuer's keys and the demo sign-in. Who may reach them is decided in dev-routes.ts before
// a request gets here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MovableClock } from './clock';
import { DEMO_USERS, type DemoUser, type LocalIdentity } from './identity';
import type { LocalTwilioApi } from './twilio-api';

export interface DevEndpointsDeps {
  twilio: LocalTwilioApi;
  clock: MovableClock;
  identity: LocalIdentity;
}

/** Answers the developer route at `url`; false for a path it does not know (answered 404 by the gateway). */
export function devEndpoints({ twilio, clock, identity }: DevEndpointsDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  return (req, res, url) => {
    if (url.pathname === '/local/outbox' && req.method === 'GET') {
      // Twilio's side, simulated: what "left" for phones.
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify(twilio.sent().map(({ sid, to, from, body, at }) => ({ sid, to, from, body, at }))));
      return true;
    }
    if (url.pathname === '/local/clock') {
      // Moves the paging clock forward so that deadlines fall due without waiting for them; a
      // test that moved it far (past a retention) moves it back, never behind the wall clock.
      const advance = Number(url.searchParams.get('advanceMinutes') ?? '0');
      const back = -clock.offsetMs() / 60_000;
      if (req.method === 'POST' && !clock.movable) {
        res
          .writeHead(409, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'This stack runs on the wall clock (TIPLINE_LOCAL_CLOCK=wall); start it without that variable to move the clock.' }));
        return true;
      }
      if (req.method === 'POST' && Number.isFinite(advance) && advance >= back && advance <= 7 * 24 * 60) clock.advance(advance * 60_000);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ offsetMs: clock.offsetMs(), now: clock.now().toISOString() }));
      return true;
    }
    if (url.pathname === '/local/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(identity.jwks()));
      return true;
    }
    if (url.pathname === '/local/sign-in') {
      const user = url.searchParams.get('as') ?? '';
      if (!(DEMO_USERS as string[]).includes(user)) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`Sign in as one of: ${DEMO_USERS.join(', ')}`);
        return true;
      }
      // The token travels in the fragment, which browsers never send to a server or a log.
      res
        .writeHead(302, { location: `/ops/#id_token=${identity.idToken(user as DemoUser)}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
        .end();
      return true;
    }
    return false;
  };
}
