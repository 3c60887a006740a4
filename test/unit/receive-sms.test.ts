// SMS/WhatsApp intake's decisions with in-memory ports: erase, ACK, slow down or queue a tip,
// each recorded (queued, sealed, forgotten, deleted) so that what did not happen is checked too.
import { describe, expect, it } from 'vitest';
import { acknowledgement, followUpAcknowledgement, slowDown, type EmergencyNumber } from '../../functions/core/acknowledgement';
import { erasureHint } from '../../functions/core/erasure';
import { contactKey, InvalidSenderAddress, smsMessageId } from '../../functions/core/contact-key';
import { receiveSms, replyAddress, type InboundSms, type ReceiveSmsPorts } from '../../functions/core/intake/receive-sms';
import { pagingJobSchema, type PagingJob } from '../../functions/core/paging/jobs';
import { FixedWindowLimiter, INTAKE_LIMITS } from '../../functions/core/rate-limit';
import { tipReceivedSchema, type MessageSid, type TipReceived } from '../../functions/core/tip';
import { memoryOfIntake, movableClock, recordingQueue, recordingSealer, recordingVault, responderDirectory, type Journal } from '../support/fakes';
import { newMessageSid } from '../support/twilio';

const SECRET = 'contact-key-secret-for-tests';
const NOW = '2026-11-27T07:00:00.000Z';
const TIPSTER = '+51987654321';
const OTHER_TIPSTER = '+51976543210';
const RESPONDER_PHONE = '+51911222333';
const EMERGENCY: EmergencyNumber[] = [
  { number: '105', label: 'Policía' },
  { number: '1818', label: '' },
];
const { limit: PER_CONTACT_LIMIT, windowMs: WINDOW_MS } = INTAKE_LIMITS.smsPerContact;

function world() {
  const journal: Journal = [];
  const clock = movableClock(NOW);
  const tips = recordingQueue<TipReceived>('tips', journal);
  const paging = recordingQueue<PagingJob>('paging', journal);
  const vault = recordingVault(journal);
  const responders = responderDirectory({ [contactKey(RESPONDER_PHONE, SECRET)]: 'fis-carla' }, journal);
  const deletedFromTwilio: MessageSid[] = [];
  const memory = memoryOfIntake(journal);
  const sealer = recordingSealer();
  const ports: ReceiveSmsPorts = {
    contactKeySecret: async () => SECRET,
    tips,
    vault,
    memory,
    sealEvidence: sealer,
    responders,
    paging,
    forgetTwilioCopy: async (sid) => {
      journal.push('forgetTwilioCopy');
      deletedFromTwilio.push(sid);
    },
    perContact: new FixedWindowLimiter(PER_CONTACT_LIMIT, WINDOW_MS),
    emergencyNumbers: EMERGENCY,
    threadWindowMs: 30 * 60_000,
    now: clock.now,
  };
  const sms = (body: string, from = TIPSTER): InboundSms => ({ messageSid: newMessageSid() as MessageSid, from, body });
  return { ports, journal, clock, tips, paging, vault, responders, deletedFromTwilio, sms, memory, sealer };
}

/** Everything that left intake towards our own storage and queues, as one string. */
/**
 * What intake wrote anywhere, with its keys and ids (random or HMAC hex, 16 characters and more)
 * blanked: "968" can turn up inside a random MessageSid, and a search for a number must not find it there.
 */
function everythingWritten(w: ReturnType<typeof world>): string {
  const written = JSON.stringify({
    tips: w.tips.sent,
    paging: w.paging.sent,
    remembered: w.vault.remembered.map((r) => r.contactKey),
    forgotten: w.vault.forgotten,
  });
  return written.replace(/[0-9a-f]{16,}/gi, '<key>');
}

describe('receiveSms: erasure', () => {
  it.each([
    ['BORRAR', 'Listo: borramos tu número.'],
    ['borrar.', 'Listo: borramos tu número.'],
    ['  Eliminar ', 'Listo: borramos tu número.'],
    ['STOP', 'Done: we deleted your number.'],
    ['Delete!', 'Done: we deleted your number.'],
    ['APAGAR', 'Pronto: apagamos seu telefone'],
    ['Excluir', 'Pronto: apagamos seu telefone'],
  ])("%j forgets the sender in the vault, has Twilio's copy deleted, and confirms in its language", async (body, confirmation) => {
    // Arrange
    const w = world();
    const message = w.sms(body);

    // Act
    const outcome = await receiveSms(message, w.ports);

    // Assert
    expect(outcome.kind).toBe('erased');
    expect(outcome.kind === 'erased' && outcome.reply).toContain(confirmation);
    expect(w.vault.forgotten).toEqual([contactKey(TIPSTER, SECRET)]);
    expect(w.deletedFromTwilio).toEqual([message.messageSid]);
    expect(w.tips.sent).toEqual([]);
    expect(w.vault.remembered).toEqual([]);
    expect(w.paging.sent).toEqual([]);
  });

  it("from WhatsApp forgets the same contact as the phone's SMS (one key per phone)", async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms('BORRAR', `whatsapp:${TIPSTER}`), w.ports);

    // Assert
    expect(w.vault.forgotten).toEqual([contactKey(TIPSTER, SECRET)]);
  });

  it('a tip that merely contains an erasure word is a tip, not an erasure', async () => {
    // Arrange
    const w = world();

    // Act
    const outcome = await receiveSms(w.sms('no borren mi mensaje, mi hermana sigue en el bar'), w.ports);

    // Assert
    expect(outcome.kind).toBe('queued');
    expect(w.vault.forgotten).toEqual([]);
    expect(w.tips.sent).toHaveLength(1);
  });

  it('is honoured for a sender who is over the rate limit', async () => {
    // Arrange
    const w = world();
    for (let i = 0; i <= PER_CONTACT_LIMIT; i++) await receiveSms(w.sms(`mensaje ${i}`), w.ports);

    // Act
    const outcome = await receiveSms(w.sms('BORRAR'), w.ports);

    // Assert
    expect(outcome.kind).toBe('erased');
    expect(w.vault.forgotten).toEqual([contactKey(TIPSTER, SECRET)]);
  });
});

describe("receiveSms: a responder's ACK", () => {
  it("goes to paging as AckReceived with the responder, the code and the injected clock's time, and nothing else", async () => {
    // Arrange
    const w = world();
    const message = w.sms('ACK 7K2F', RESPONDER_PHONE);

    // Act
    const outcome = await receiveSms(message, w.ports);

    // Assert
    expect(outcome).toEqual({ kind: 'ack' });
    expect(w.paging.sent).toEqual([{ type: 'AckReceived', responderId: 'fis-carla', code: '7K2F', receivedAt: NOW }]);
    expect(pagingJobSchema.safeParse(w.paging.sent[0]).success).toBe(true);
    expect(w.tips.sent).toEqual([]);
    expect(w.vault.remembered).toEqual([]);
    expect(w.deletedFromTwilio).toEqual([message.messageSid]);
  });

  it('looks the responder up by contact key, never by number', async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms('ACK 7K2F', RESPONDER_PHONE), w.ports);

    // Assert
    expect(w.responders.asked).toEqual([contactKey(RESPONDER_PHONE, SECRET)]);
    expect(w.responders.asked.join()).not.toContain('911222333');
  });

  it("a bare ACK carries no code (the newest open page), and the time is the clock's at that moment", async () => {
    // Arrange
    const w = world();
    w.clock.advance(90_000);

    // Act
    await receiveSms(w.sms('ack', RESPONDER_PHONE), w.ports);

    // Assert
    expect(w.paging.sent).toEqual([{ type: 'AckReceived', responderId: 'fis-carla', code: null, receivedAt: '2026-11-27T07:01:30.000Z' }]);
  });

  it("from a responder's WhatsApp is the same responder's ACK", async () => {
    // Arrange
    const w = world();

    // Act
    const outcome = await receiveSms(w.sms('ACK T-7K2F', `whatsapp:${RESPONDER_PHONE}`), w.ports);

    // Assert
    expect(outcome).toEqual({ kind: 'ack' });
    expect(w.paging.sent).toMatchObject([{ responderId: 'fis-carla', code: '7K2F' }]);
  });

  it("a responder's message that is more than an ACK goes to paging as their text for a person to read, never as a tip", async () => {
    // Arrange
    const w = world();

    // Act
    const outcome = await receiveSms(w.sms('ack, mi hija no volvio', RESPONDER_PHONE), w.ports);

    // Assert: paging attaches it to their case (test/unit/paging-responder-sms.test.ts)
    expect(outcome).toEqual({ kind: 'responder_text' });
    expect(w.paging.sent).toMatchObject([{ type: 'ResponderText', responderId: 'fis-carla', text: 'ack, mi hija no volvio' }]);
    expect(w.tips.sent).toEqual([]);
  });

  it('is not slowed down when the responder is over the per-contact limit', async () => {
    // Arrange
    const w = world();
    for (let i = 0; i <= PER_CONTACT_LIMIT; i++) await receiveSms(w.sms(`mensaje ${i}`, RESPONDER_PHONE), w.ports);

    // Act
    const outcome = await receiveSms(w.sms('ACK 7K2F', RESPONDER_PHONE), w.ports);

    // Assert: the texts before it went to paging (up to the limit); the ACK goes whatever the limit
    expect(outcome).toEqual({ kind: 'ack' });
    expect(w.paging.sent.filter((job) => job.type === 'AckReceived')).toHaveLength(1);
    expect(w.paging.sent.at(-1)).toMatchObject({ type: 'AckReceived', code: '7K2F' });
  });
});

describe('receiveSms: "ACK" from someone who is not a responder', () => {
  it('is an ordinary tip: queued, sealed and acknowledged, with nothing sent to paging', async () => {
    // Arrange
    const w = world();

    // Act
    const outcome = await receiveSms(w.sms('ACK 7K2F'), w.ports);

    // Assert
    expect(outcome.kind).toBe('queued');
    expect(outcome.kind === 'queued' && outcome.reply).toBe(acknowledgement('es', EMERGENCY));
    expect(w.paging.sent).toEqual([]);
    expect(w.tips.sent.map((t) => t.text)).toEqual(['ACK 7K2F']);
    expect(w.vault.remembered.map((r) => r.address)).toEqual([TIPSTER]);
  });
});

describe('receiveSms: rate limiting per contact', () => {
  it(`answers the ${PER_CONTACT_LIMIT + 1}st message in the window with the slow-down reply, queuing and sealing nothing`, async () => {
    // Arrange
    const w = world();
    for (let i = 1; i <= PER_CONTACT_LIMIT; i++) {
      const allowed = await receiveSms(w.sms(`fragmento ${i}`), w.ports);
      expect(allowed.kind).toBe('queued');
    }
    const tipsBefore = w.tips.sent.length;
    const sealedBefore = w.vault.remembered.length;

    // Act
    const flood = w.sms('fragmento 31, mi hermana');
    const outcome = await receiveSms(flood, w.ports);

    // Assert: not kept as a tip, and not left at Twilio either.
    expect(outcome).toEqual({ kind: 'rate_limited', reply: slowDown('es', EMERGENCY) });
    expect(w.deletedFromTwilio.at(-1)).toBe(flood.messageSid);
    expect(w.tips.sent).toHaveLength(tipsBefore);
    expect(w.vault.remembered).toHaveLength(sealedBefore);
    expect(tipsBefore).toBe(PER_CONTACT_LIMIT);
    expect(w.paging.sent).toEqual([]);
  });

  it("the slow-down reply keeps the emergency numbers and is in the message's language", async () => {
    // Arrange
    const w = world();
    for (let i = 0; i < PER_CONTACT_LIMIT; i++) await receiveSms(w.sms(`fragmento ${i}`), w.ports);

    // Act
    const outcome = await receiveSms(w.sms('please help my sister, she is at the bar'), w.ports);

    // Assert
    expect(outcome.kind).toBe('rate_limited');
    expect(outcome.kind === 'rate_limited' && outcome.reply).toBe(slowDown('en', EMERGENCY));
    // The deployment's label in GSM-7, so that the reply stays one segment.
    expect(outcome.kind === 'rate_limited' && outcome.reply).toContain('105 (Policia)');
  });

  it('does not affect another contact', async () => {
    // Arrange
    const w = world();
    for (let i = 0; i <= PER_CONTACT_LIMIT; i++) await receiveSms(w.sms(`fragmento ${i}`), w.ports);

    // Act
    const outcome = await receiveSms(w.sms('hay una menor en el bar', OTHER_TIPSTER), w.ports);

    // Assert
    expect(outcome.kind).toBe('queued');
    expect(w.tips.sent.at(-1)?.contactKey).toBe(contactKey(OTHER_TIPSTER, SECRET));
  });

  it('counts SMS and WhatsApp from one phone together', async () => {
    // Arrange
    const w = world();
    for (let i = 0; i < PER_CONTACT_LIMIT; i++) await receiveSms(w.sms(`fragmento ${i}`), w.ports);

    // Act
    const outcome = await receiveSms(w.sms('otro fragmento', `whatsapp:${TIPSTER}`), w.ports);

    // Assert
    expect(outcome.kind).toBe('rate_limited');
  });

  it('lets the contact write again once the window has passed', async () => {
    // Arrange
    const w = world();
    for (let i = 0; i <= PER_CONTACT_LIMIT; i++) await receiveSms(w.sms(`fragmento ${i}`), w.ports);
    w.clock.advance(WINDOW_MS);

    // Act
    const outcome = await receiveSms(w.sms('sigo aqui'), w.ports);

    // Assert
    expect(outcome.kind).toBe('queued');
  });
});

describe('receiveSms: a tip', () => {
  const BODY = 'mi hija de 15 esta en un bar en mazuko, llamen al 987 654 321 o escriban a rosa.quispe@gmail.com';

  it('is queued redacted: no phone number or e-mail address of the text reaches the queue', async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms(BODY), w.ports);

    // Assert
    const [tip] = w.tips.sent;
    expect(tip?.text).toBe('mi hija de 15 esta en un bar en mazuko, llamen al [PHONE] o escriban a [EMAIL]');
    expect(tip?.redactions).toEqual({ PHONE: 1, EMAIL: 1 });
    expect(JSON.stringify(w.tips.sent)).not.toMatch(/987\s?654\s?321|rosa\.quispe|gmail/);
  });

  it("carries a contact key, not the number, and a keyed message id, not Twilio's SID", async () => {
    // Arrange
    const w = world();
    const message = w.sms(BODY);

    // Act
    await receiveSms(message, w.ports);

    // Assert
    const [tip] = w.tips.sent;
    expect(tip?.contactKey).toBe(contactKey(TIPSTER, SECRET));
    expect(tip?.contactKey).toMatch(/^[0-9a-f]{64}$/);
    expect(tip?.messageId).toBe(smsMessageId(message.messageSid, SECRET));
    expect(JSON.stringify(tip)).not.toContain(message.messageSid);
  });

  it('is a valid TipReceived stamped with the injected clock, and is what the outcome returns', async () => {
    // Arrange
    const w = world();
    w.clock.advance(5_000);

    // Act
    const outcome = await receiveSms(w.sms(BODY), w.ports);

    // Assert
    const [tip] = w.tips.sent;
    expect(tipReceivedSchema.safeParse(tip).success).toBe(true);
    expect(tip).toMatchObject({ type: 'TipReceived', version: 1, channel: 'sms', lang: 'es', receivedAt: '2026-11-27T07:00:05.000Z' });
    expect(outcome.kind === 'queued' && outcome.tip).toEqual(tip);
  });

  it("remembers the SMS reply address in the vault under the contact key, at the clock's time", async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms(BODY, ' +51 987-654-321 '), w.ports);

    // Assert
    expect(w.vault.remembered).toEqual([{ contactKey: contactKey(TIPSTER, SECRET), address: TIPSTER, now: new Date(NOW) }]);
  });

  it('from WhatsApp is channel whatsapp and keeps the whatsapp: prefix in the vault address', async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms(BODY, `whatsapp:${TIPSTER}`), w.ports);

    // Assert
    expect(w.tips.sent[0]?.channel).toBe('whatsapp');
    expect(w.tips.sent[0]?.contactKey).toBe(contactKey(TIPSTER, SECRET));
    expect(w.vault.remembered.map((r) => r.address)).toEqual([`whatsapp:${TIPSTER}`]);
  });

  it("has Twilio's copy deleted", async () => {
    // Arrange
    const w = world();
    const message = w.sms(BODY);

    // Act
    await receiveSms(message, w.ports);

    // Assert
    expect(w.deletedFromTwilio).toEqual([message.messageSid]);
  });

  it.each([
    ['es', BODY],
    ['en', 'my sister is being held at a bar and they took her passport'],
    ['pt', 'minha filha de 15 anos esta trabalhando num bar e nao pode sair'],
  ] as const)('is acknowledged in its language (%s) with the emergency numbers', async (lang, body) => {
    // Arrange
    const w = world();

    // Act
    const outcome = await receiveSms(w.sms(body), w.ports);

    // Assert
    expect(w.tips.sent[0]?.lang).toBe(lang);
    expect(outcome.kind === 'queued' && outcome.reply).toBe(acknowledgement(lang, EMERGENCY));
    expect(outcome.kind === 'queued' && outcome.reply).toContain('1818');
  });

  it("never puts the sender's number in anything queued or stored by key, whatever the branch", async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms(BODY), w.ports);
    await receiveSms(w.sms('ACK 7K2F'), w.ports);
    await receiveSms(w.sms('ACK 7K2F', RESPONDER_PHONE), w.ports);
    await receiveSms(w.sms('hola', `whatsapp:${TIPSTER}`), w.ports);
    await receiveSms(w.sms('BORRAR'), w.ports);

    // Assert
    const written = everythingWritten(w);
    expect(w.tips.sent).toHaveLength(3);
    for (const number of ['987654321', '987 654 321', '911222333']) expect(written).not.toContain(number);
  });
});

describe('receiveSms: one acknowledgement per thread window', () => {
  const replyTo = async (w: ReturnType<typeof world>, body: string) => {
    const outcome = await receiveSms(w.sms(body), w.ports);
    return outcome.kind === 'queued' ? outcome.reply : `(${outcome.kind})`;
  };

  it('answers the first message in full and the follow-ups of the thread with one word, in their language', async () => {
    // Arrange
    const w = world();

    // Act
    const first = await replyTo(w, 'hay una menor en el bar de la pampa');
    w.clock.advance(60_000);
    const second = await replyTo(w, 'tiene 15 años');
    w.clock.advance(20 * 60_000);
    const third = await replyTo(w, 'please help');

    // Assert
    expect(first).toBe(acknowledgement('es', EMERGENCY));
    expect(second).toBe(followUpAcknowledgement('es'));
    expect(third).toBe(followUpAcknowledgement('en'));
    expect(w.tips.sent).toHaveLength(3);
  });

  it('answers in full again once the thread window has passed since the last message', async () => {
    // Arrange
    const w = world();
    await replyTo(w, 'hay una menor en el bar');
    w.clock.advance(29 * 60_000);
    await replyTo(w, 'sigue ahi');

    // Act
    w.clock.advance(31 * 60_000);
    const later = await replyTo(w, 'otra vez la vi');

    // Assert
    expect(later).toBe(acknowledgement('es', EMERGENCY));
  });

  it('answers in full, with how to erase, the first message after an erasure', async () => {
    // Arrange
    const w = world();
    await replyTo(w, 'hay una menor en el bar');
    await receiveSms(w.sms('BORRAR'), w.ports);

    // Act
    const after = await replyTo(w, 'ahora hay dos chicas');
    const next = await replyTo(w, 'en el cuarto de atras');

    // Assert
    expect(after).toBe(`${acknowledgement('es', EMERGENCY)} ${erasureHint('es')}`);
    expect(next).toBe(followUpAcknowledgement('es'));
  });

  it("answers Twilio's retry of a message in full: its first answer may not have reached the tipster", async () => {
    // Arrange
    const w = world();
    const message = w.sms('hay una menor en el bar');

    // Act
    const first = await receiveSms(message, w.ports);
    const replay = await receiveSms(message, w.ports);

    // Assert
    expect(first.kind === 'queued' && first.reply).toBe(acknowledgement('es', EMERGENCY));
    expect(replay.kind === 'queued' && replay.reply).toBe(acknowledgement('es', EMERGENCY));
  });
});

describe('receiveSms: ordering and failures', () => {
  it("queues the tip, then seals the address, then has Twilio's copy deleted", async () => {
    // Arrange
    const w = world();

    // Act
    await receiveSms(w.sms('hay una menor en el bar'), w.ports);

    // Assert
    expect(w.journal.filter((call) => call !== 'responders.responderFor')).toEqual(['tips.send', 'memory.claimMessage', 'vault.remember', 'forgetTwilioCopy']);
  });

  it('when the vault write fails, the tip was already queued and the error reaches the caller (Twilio retries)', async () => {
    // Arrange
    const w = world();
    const failure = new Error('vault unavailable');
    w.vault.failRememberWith(failure);

    // Act
    const result = receiveSms(w.sms('hay una menor en el bar'), w.ports);

    // Assert
    await expect(result).rejects.toBe(failure);
    expect(w.tips.sent).toHaveLength(1);
    expect(w.deletedFromTwilio).toEqual([]);
  });

  it('when the queue fails, the address is not sealed and the error reaches the caller', async () => {
    // Arrange
    const w = world();
    const failure = new Error('queue unavailable');
    w.tips.failWith(failure);

    // Act
    const result = receiveSms(w.sms('hay una menor en el bar'), w.ports);

    // Assert
    await expect(result).rejects.toBe(failure);
    expect(w.vault.remembered).toEqual([]);
    expect(w.journal).not.toContain('vault.remember');
    expect(w.deletedFromTwilio).toEqual([]);
  });

  it('a sender address that is not a phone number is refused before anything is recorded', async () => {
    // Arrange
    const w = world();

    // Act
    const result = receiveSms(w.sms('hola', 'not-a-number'), w.ports);

    // Assert
    await expect(result).rejects.toBeInstanceOf(InvalidSenderAddress);
    expect(w.journal).toEqual([]);
  });
});

describe('replyAddress', () => {
  it('normalises the number and keeps the channel', () => {
    expect(replyAddress(' +51 987-654-321 ')).toBe(TIPSTER);
    expect(replyAddress('WhatsApp:+51 987 654 321')).toBe(`whatsapp:${TIPSTER}`);
  });
});

describe('receiveSms: erasure wins over replays and retries', () => {
  it('a replayed message after an erasure never seals the address again', async () => {
    // Arrange
    const w = world();
    const old = w.sms('mi sobrina está en un bar en Mazuko');
    await receiveSms(old, w.ports);
    await receiveSms(w.sms('BORRAR'), w.ports);
    const sealedBefore = w.vault.remembered.length;

    // Act: the same signed message again (an attacker's replay, or Twilio's retry)
    const replay = await receiveSms(old, w.ports);

    // Assert
    expect(replay.kind).toBe('queued');
    expect(w.vault.remembered).toHaveLength(sealedBefore);
    expect(w.vault.forgotten).toEqual([contactKey(TIPSTER, SECRET)]);
  });

  it('a replay before any erasure does not seal twice either', async () => {
    // Arrange
    const w = world();
    const message = w.sms('hay menores en el bar');
    await receiveSms(message, w.ports);

    // Act
    await receiveSms(message, w.ports);

    // Assert
    expect(w.vault.remembered).toHaveLength(1);
  });

  it("after a failed vault write, Twilio's retry of the same message seals the address", async () => {
    // Arrange
    const w = world();
    const message = w.sms('hay menores en el bar');
    w.vault.failRememberWith(new Error('vault unavailable'));
    await expect(receiveSms(message, w.ports)).rejects.toThrow('vault unavailable');
    w.vault.failRememberWith(undefined);

    // Act
    await receiveSms(message, w.ports);

    // Assert
    expect(w.vault.remembered).toHaveLength(1);
  });

  it.each(['borrar mi número', 'Delete my number', 'apague meu número', 'yupayniyta pichaykuy', 'ya no me escriban'])(
    'the short phrase %j erases',
    async (body) => {
      // Arrange
      const w = world();

      // Act
      const result = await receiveSms(w.sms(body), w.ports);

      // Assert
      expect(result.kind).toBe('erased');
      expect(w.vault.forgotten).toEqual([contactKey(TIPSTER, SECRET)]);
      expect(w.tips.sent).toHaveLength(0);
    },
  );

  it('a genuinely new message after an erasure starts a new tip and says how to erase again, once', async () => {
    // Arrange
    const w = world();
    await receiveSms(w.sms('hay menores en el bar de la pampa'), w.ports);
    await receiveSms(w.sms('BORRAR'), w.ports);

    // Act
    const first = await receiveSms(w.sms('otra vez escribo, la llevaron a otro bar'), w.ports);
    const second = await receiveSms(w.sms('está en mazuko'), w.ports);

    // Assert
    if (first.kind !== 'queued' || second.kind !== 'queued') throw new Error('expected tips');
    expect(first.tip.newThread).toBe(true);
    expect(first.reply).toContain('Para borrar tu número, envía BORRAR.');
    expect(second.tip.newThread).toBeUndefined();
    expect(second.reply).not.toContain('BORRAR');
    expect(w.vault.remembered).toHaveLength(3);
  });
});

describe("receiveSms: evidence is sealed, the writer's own identifiers are dropped", () => {
  it("seals a recruiter's number and queues only the placeholder and the ciphertext", async () => {
    // Arrange
    const w = world();

    // Act
    const result = await receiveSms(w.sms('la señora que recluta a las chicas tiene el número 956 321 478, el bar está en Mazuko'), w.ports);

    // Assert
    if (result.kind !== 'queued') throw new Error('expected a tip');
    expect(result.tip.text).toContain('[PHONE]');
    expect(w.sealer.sealed.map((s) => s.plaintext)).toEqual(['956 321 478']);
    expect(w.sealer.sealed[0]!.context).toEqual({ purpose: 'evidence', messageId: result.tip.messageId, ordinal: '0' });
    expect(result.tip.evidence).toEqual([{ ordinal: 0, kind: 'PHONE', sealed: 'sealed-1' }]);
    expect(everythingWritten(w)).not.toContain('956 321 478');
    expect(tipReceivedSchema.parse(result.tip)).toEqual(result.tip);
  });

  it.each(['mi cel es 956 321 478', 'llámame al 956 321 478', 'my number is 956 321 478', 'meu zap é 956 321 478', 'el 956 321 478 es de mi hija'])(
    "drops the writer's own number in %j without sealing it",
    async (body) => {
      // Arrange
      const w = world();

      // Act
      const result = await receiveSms(w.sms(body), w.ports);

      // Assert
      if (result.kind !== 'queued') throw new Error('expected a tip');
      expect(result.tip.text).toContain('[PHONE]');
      expect(w.sealer.sealed).toEqual([]);
      expect(result.tip.evidence).toBeUndefined();
    },
  );
});

describe('receiveSms: a number split across two messages of a thread', () => {
  it('redacts both halves and the second message alone, never the number in the clear', async () => {
    // Arrange
    const w = world();

    // Act
    const first = await receiveSms(w.sms('mi número es 968'), w.ports);
    const second = await receiveSms(w.sms('413725'), w.ports);

    // Assert
    if (first.kind !== 'queued' || second.kind !== 'queued') throw new Error('expected tips');
    expect(first.tip.text).not.toContain('968');
    expect(second.tip.text).not.toContain('413725');
    expect(everythingWritten(w)).not.toMatch(/968|413725/);
  });

  it("another sender's message is not taken as the continuation", async () => {
    // Arrange
    const w = world();
    await receiveSms(w.sms('mi número es'), w.ports);

    // Act
    const other = await receiveSms(w.sms('km 108 hay 3 chicas', OTHER_TIPSTER), w.ports);

    // Assert
    if (other.kind !== 'queued') throw new Error('expected a tip');
    expect(other.tip.text).toBe('km 108 hay 3 chicas');
  });
});
