// Routing around it (issue 17), on the local stack: a critical tip that says the local police
// take money from the bar never pages the comisaría's officers, in any round, and a responder who
// declared a conflict with a venue is never paged for a tip that names it. Other files page
// Madre de Dios on the same stack and clock, so every assertion counts the SMS of one page code;
// the conflict runs in Ayacucho, which no other file pages, with responders this file makes.
import { createPrivateKey, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signJwt } from '../../local/identity';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { twilioOutbox, type RecordedMessage } from '../support/local-twilio';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { supervisor } = stack.tokens as Record<'supervisor', string>;
const demoPhone = (id: string): string => demoRoster.responders.find((r) => r.responderId === id)!.phone;

// Letters only: digits could be read as a number and redacted away.
const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const sender = (): string => `+5196${String(randomInt(10_000_000)).padStart(7, '0')}`;

const advanceClock = (minutes: number) => fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${minutes}`, { method: 'POST' });
/** Pages for a code (the responders' SMS with `ACK <code>`), in the order they were sent. */
const pagesWith = async (code: string): Promise<RecordedMessage[]> => (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes(`ACK ${code}`));
const auditOf = async (tipId: string) =>
  (
    (await (await call(stack, supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as {
      events: Array<{ action: string; details: Record<string, string> }>;
    }
  ).events;

/** A critical tip by SMS whose words are its own (a marker in front); its page code. */
async function criticalTip(text: string) {
  const marker = letters(10);
  await postSignedSms(stack, twilioWebhook({ From: sender(), Body: `${marker} ${text}` }));
  const tip = await queuedTip(stack, marker);
  expect(tip.level).toBe('critical');
  return { tip, code: tip.tipId.slice(0, 4) };
}

/** Waits until the code has `count` pages, and returns them. */
const pagesCount = (code: string, count: number, what: string) =>
  waitFor(
    async () => {
      const pages = await pagesWith(code);
      return pages.length >= count ? pages : undefined;
    },
    { what: `${what} (${count} page(s) for ${code})`, timeoutMs: 30_000 },
  );

describe('a tip implicating the local police', () => {
  it('pages the prosecutor first and never the comisaría, in any round', async () => {
    // Arrange: the demo roster: mdd-police (pol-rosa, pol-hugo) answer for comisaria-pm, local police in Madre de Dios
    const police = [demoPhone('pol-rosa'), demoPhone('pol-hugo')];
    const { tip, code } = await criticalTip(
      'mi hermana de 15 esta en el bar La Tranca en Mazuko, no la dejan salir y los policias de la comisaria cobran cupo al dueño',
    );
    expect(tip.region).toBe('Madre de Dios');

    // Act: the first page, then every deadline passes unanswered into the second round
    const [first] = await pagesCount(code, 1, 'the first page');
    await advanceClock(11);
    await pagesCount(code, 2, 'the second level');
    await advanceClock(11);
    const pages = await pagesCount(code, 3, "the second round's first page");

    // Assert
    expect(first?.to).toBe(demoPhone('fis-marta'));
    expect(pages.map((p) => p.to)).toEqual(expect.arrayContaining([demoPhone('fis-marta'), demoPhone('alb-luz')]));
    expect(pages.filter((p) => police.includes(p.to))).toEqual([]);
    // The page says nothing of why, nor anything about officials.
    for (const page of pages) expect(page.body).not.toMatch(/polic|comisar|complic|autoridad|cupo/i);
    const events = await auditOf(tip.tipId);
    const skipped = events.filter((e) => e.action === 'escalate' && e.details.reason === 'skipped_local_authority');
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    expect(skipped.every((e) => e.details.responderId === 'pol-rosa' || e.details.responderId === 'pol-hugo')).toBe(true);
    expect(events.some((e) => e.details.reason === 'nobody_on_call')).toBe(false);
    expect(JSON.stringify(events).toLowerCase()).not.toContain('tranca');
  });
});

describe('a responder with a declared conflict', () => {
  // Ayacucho: a region of the gazetteer (Huamanga) that no other file pages.
  const UNO = { id: 'it-ayac-uno', phone: '+51912000301' };
  const DOS = { id: 'it-ayac-dos', phone: '+51912000302' };
  const VENUE = 'Karaoke El Dorado';

  /** A responder's ID token, as the local issuer signs the demo responder's, for another roster responder. */
  function responderToken(responderId: string): string {
    const [header, payload] = stack.tokens
      .responder!.split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    return signJwt(createPrivateKey(stack.identityPrivateKey), String(header.kid), {
      ...payload,
      sub: '0b7e1c5e-0000-4000-8000-0000000000a1',
      name: 'Ursula Prueba (test)',
      'custom:responderId': responderId,
    });
  }

  beforeAll(async () => {
    const person = { role: 'prosecutor', regions: ['Ayacucho'], lang: 'es', active: true };
    for (const [{ id, phone }, name] of [
      [UNO, 'Ursula Prueba (test)'],
      [DOS, 'Dario Prueba (test)'],
    ] as const) {
      const res = await call(stack, supervisor, 'PUT', `/api/roster/responders/${id}`, { ...person, name, phone });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const policy = { region: 'Ayacucho', levels: [UNO, DOS].map(({ id }) => ({ target: { kind: 'responder', responderId: id }, deadlineMinutes: 10 })) };
    expect((await call(stack, supervisor, 'PUT', '/api/roster/policies/it-ayacucho', policy)).status).toBe(200);
    // The responder declares it themselves, with their own account.
    const declared = await call(stack, responderToken(UNO.id), 'PUT', '/api/me/conflicts', { conflicts: [VENUE] });
    expect(await declared.json()).toEqual({ conflicts: [VENUE] });
  });

  it('is never paged for a tip that names the venue, in any round; the audit names no venue', async () => {
    // Arrange
    const { tip, code } = await criticalTip('en el karaoke El Dorado de Huamanga tienen encerrada a mi prima de 14, no la dejan salir');
    expect(tip.region).toBe('Ayacucho');

    // Act: the first page, then its deadline passes into the second round
    const [first] = await pagesCount(code, 1, 'the first page');
    await advanceClock(11);
    const pages = await pagesCount(code, 2, "the second round's page");

    // Assert
    expect(first?.to).toBe(DOS.phone);
    expect(pages.filter((p) => p.to === UNO.phone)).toEqual([]);
    const events = await auditOf(tip.tipId);
    const skipped = events.filter((e) => e.details.reason === 'skipped_conflict');
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    expect(skipped.every((e) => e.details.responderId === UNO.id)).toBe(true);
    expect(JSON.stringify(events).toLowerCase()).not.toContain('dorado');
  });

  it('is paged as usual for a tip that does not name it', async () => {
    const { code } = await criticalTip('a mi sobrina de 13 la tienen encerrada en una cantina de Huamanga, la golpean y no la dejan salir');

    const [first] = await pagesCount(code, 1, 'the first page');

    expect(first?.to).toBe(UNO.phone);
  });
});
