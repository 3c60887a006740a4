// Responders by SMS (issue 16, part 2): a responder's text that is not an ACK is attached to the
// case of their most recent live page, audited, and confirmed to them; with no such page they
// are told how to acknowledge. An ACK naming no page of theirs says which pages they have open,
// or that the code is a page sent to someone else. Every answer is one GSM-7 segment.
import { describe, expect, it } from 'vitest';
import { gsm7Length, isGsm7 } from '../../functions/core/paging';
import replies from '../../functions/core/paging/responder-replies.json' with { type: 'json' };
import {
  foreignCodeText,
  howToAckText,
  noteAddedText,
  pageForNote,
  wrongCodeLead,
  wrongCodeText,
  type PageWithState,
} from '../../functions/core/paging/responder-replies';
import { LANGS } from '../../functions/core/tip';
import { pagingTip, pagingWorld, phoneOf } from '../support/paging-world';

const TIP = '7K2F9QXM';
const OTHER = 'QX4M9QXM';
const noteJob = (responderId: string, text = 'llegue al bar, la menor esta con la duena', noteId = `resp_${'a'.repeat(40)}`) =>
  ({ type: 'ResponderText', responderId, noteId, text, receivedAt: '2026-11-27T07:20:00.000Z' }) as const;

describe('the answers', () => {
  it.each(LANGS)('in %s are one GSM-7 segment, with the code where there is one', (lang) => {
    const texts = [
      noteAddedText(lang, '7K2F'),
      howToAckText(lang),
      foreignCodeText(lang),
      wrongCodeText(lang, '7K2F', ['AAAA', 'BBBB', 'CCCC', 'DDDD', 'EEEE', 'FFFF']),
      wrongCodeText(lang, '7K2F', []),
      wrongCodeText(lang, null, []),
    ];
    for (const text of texts) {
      expect(isGsm7(text), text).toBe(true);
      expect(gsm7Length(text), text).toBeLessThanOrEqual(160);
    }
    expect(noteAddedText(lang, '7K2F')).toContain('7K2F');
    expect(wrongCodeText(lang, '7K2F', ['AAAA', 'BBBB'])).toContain('AAAA, BBBB');
    expect(wrongCodeText(lang, 'ZZZZ', ['AAAA']).startsWith(wrongCodeLead(lang, 'ZZZZ'))).toBe(true);
  });

  it('in Spanish say what the brief asks', () => {
    expect(noteAddedText('es', 'ABCD')).toBe('tipline: Nota agregada al aviso ABCD.');
    expect(howToAckText('es')).toBe('tipline: Para confirmar un aviso responda ACK y el codigo, p. ej. ACK 7KQ2.');
    expect(foreignCodeText('es')).toBe('tipline: Ese codigo es de un aviso enviado a otra persona.');
    expect(wrongCodeText('es', '7K2F', ['QX4M'])).toBe('tipline: No hay un aviso 7K2F para usted. Sus avisos abiertos: QX4M.');
    expect(wrongCodeText('es', null, [])).toBe('tipline: No tiene avisos abiertos.');
  });

  it('keeps every string of the data file within the alphabet, and says Quechua is unreviewed', () => {
    const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings));
    for (const text of strings(replies)) expect(isGsm7(text), text).toBe(true);
    expect(replies._sources._review).toMatch(/No Quechua speaker has reviewed/);
  });
});

describe('which case a note is for', () => {
  const page = (tipId: string, pagedAt: string, open: boolean): PageWithState => ({
    tipId,
    code: tipId.slice(0, 4),
    pagedAt,
    state: open ? undefined : ({ stoppedAt: pagedAt, everPagedResponderIds: [] } as never),
  });
  const now = new Date('2026-11-28T08:00:00.000Z');

  it('is the most recent page sent within a day, or still open', () => {
    expect(pageForNote([page(TIP, '2026-11-27T09:00:00.000Z', false), page(OTHER, '2026-11-28T07:00:00.000Z', false)], now)?.tipId).toBe(OTHER);
    expect(pageForNote([page(TIP, '2026-11-27T07:00:00.000Z', false)], now)).toBeUndefined();
  });

  it('is the live page whose code the text names, so that a responder with two cases can say which', () => {
    const pages = [page(TIP, '2026-11-28T06:00:00.000Z', false), page(OTHER, '2026-11-28T07:00:00.000Z', false)];
    const code = TIP.slice(0, 4);
    expect(pageForNote(pages, now, `${code.toLowerCase()}: llegue al local`)?.tipId).toBe(TIP);
    expect(pageForNote(pages, now, `llegue, caso ${code}.`)?.tipId).toBe(TIP);
    // Inside a longer word it is no code
    expect(pageForNote(pages, now, `X${code}Y llegue`)?.tipId).toBe(OTHER);
    // A code of a page no longer live does not reach back past the day
    expect(pageForNote([page(TIP, '2026-11-27T07:00:00.000Z', false), pages[1]!], now, code)?.tipId).toBe(OTHER);
  });
});

describe('a responder’s text', () => {
  it('joins the case they were paged for, as a note only staff see, audited and confirmed once however often it is delivered', async () => {
    // Arrange
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    const paged = w.state(TIP)!.everPagedResponderIds[0]!;
    w.advance(5);

    // Act
    await w.run(noteJob(paged));
    await w.run(noteJob(paged));

    // Assert
    expect([...w.notes.values()]).toEqual([
      expect.objectContaining({ tipId: TIP, kind: 'responder', author: { id: paged, name: paged }, text: 'llegue al bar, la menor esta con la duena' }),
    ]);
    const answers = w.sms.filter((m) => m.to === phoneOf(paged) && !m.body.includes('ACK 7K2F'));
    expect(answers.map((m) => m.body)).toEqual(['tipline: Nota agregada al aviso 7K2F.']);
    expect(w.audit.filter((e) => e.action === 'responder_note')[0]).toMatchObject({ tipId: TIP, actor: { id: paged }, details: { code: '7K2F' } });
  });

  it('from a responder nobody paged is not attached: they are told how to acknowledge', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run(noteJob('fis-eva', 'hola, que hago?'));
    expect(w.notes.size).toBe(0);
    expect(w.sms).toEqual([{ to: phoneOf('fis-eva'), body: howToAckText('en') }]);
  });

  it('a day after a page that ended is not attached either', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    const paged = w.state(TIP)!.everPagedResponderIds[0]!;
    await w.run({ type: 'AckReceived', responderId: paged, code: '7K2F', receivedAt: '2026-11-27T07:01:00.000Z' });
    w.advance(25 * 60);
    await w.run(noteJob(paged));
    expect(w.notes.size).toBe(0);
    expect(w.sms.at(-1)?.body).toBe(howToAckText('es'));
  });
});

describe('an ACK that names no page of theirs', () => {
  it('lists their open pages, or says they have none', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    const paged = w.state(TIP)!.everPagedResponderIds[0]!;

    await w.run({ type: 'AckReceived', responderId: paged, code: 'ZZZZ', receivedAt: '2026-11-27T07:01:00.000Z' });
    expect(w.sms.at(-1)).toEqual({ to: phoneOf(paged), body: 'tipline: No hay un aviso ZZZZ para usted. Sus avisos abiertos: 7K2F.' });

    await w.run({ type: 'AckReceived', responderId: 'fis-eva', code: null, receivedAt: '2026-11-27T07:01:00.000Z' });
    expect(w.sms.at(-1)).toEqual({ to: phoneOf('fis-eva'), body: 'tipline: You have no open pages.' });
  });

  it('says when the code is a page that went to someone else', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    const notPaged = ['pol-ana', 'pol-beto'].find((id) => !w.state(TIP)!.everPagedResponderIds.includes(id))!;

    await w.run({ type: 'AckReceived', responderId: notPaged, code: '7K2F', receivedAt: '2026-11-27T07:01:00.000Z' });

    expect(w.sms.at(-1)).toEqual({ to: phoneOf(notPaged), body: foreignCodeText('es') });
    expect(w.state(TIP)?.acknowledged).toBeUndefined();
  });
});
