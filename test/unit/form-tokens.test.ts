// The public form's one-time tokens (core/form-token): unguessable, tied to their form, expiring,
// and spent once wherever the post lands, so that a post sent again by Back does nothing.
import { describe, expect, it } from 'vitest';
import {
  FORM_TOKEN_LIFETIME_MS,
  formAllows,
  formTokenKey,
  issueFormToken,
  readFormToken,
  spendFormToken,
  spentTokenKey,
  type SpentFormTokens,
} from '../../functions/core/form-token';

const KEY = formTokenKey('a-receipt-pepper-of-the-deployment');
const ISSUED = new Date('2026-03-01T14:00:00Z');
const later = (ms: number) => new Date(ISSUED.getTime() + ms);

/** Spent tokens as a conditional put sees them: one store shared by every "instance". */
function sharedStore(): SpentFormTokens & { kept: Map<string, Date> } {
  const kept = new Map<string, Date>();
  return {
    kept,
    async spend(key, keepUntil) {
      if (kept.has(key)) return false;
      kept.set(key, keepUntil);
      return true;
    },
    async unspend(key) {
      kept.delete(key);
    },
  };
}

describe('a form token', () => {
  it('reads back as its form, with an expiry a lifetime after it was issued', () => {
    const token = issueFormToken('tip', KEY, ISSUED);
    const read = readFormToken(token, KEY, later(60_000));
    expect(read?.kind).toBe('tip');
    expect(read?.expiresAt.getTime()).toBe(ISSUED.getTime() + FORM_TOKEN_LIFETIME_MS);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('is unguessable: 128 random bits each, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => issueFormToken('inbox', KEY, ISSUED)));
    expect(tokens.size).toBe(1000);
    const ids = [...tokens].map((t) => readFormToken(t, KEY, ISSUED)!.id);
    expect(new Set(ids).size).toBe(1000);
    expect(Buffer.from(ids[0]!, 'base64url')).toHaveLength(16);
  });

  it('is refused when forged, tampered with, signed under another key, or malformed', () => {
    const token = issueFormToken('reply', KEY, ISSUED);
    const [v, kind, issued, id, mac] = token.split('.');
    const otherKey = formTokenKey('another-deployment');
    const flip = (s: string) => (s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    for (const bad of [
      [v, 'tip', issued, id, mac].join('.'),
      [v, kind, issued, flip(id!), mac].join('.'),
      [v, kind, (Number.parseInt(issued!, 36) + 3600).toString(36), id, mac].join('.'),
      [v, kind, issued, id, flip(mac!)].join('.'),
      issueFormToken('reply', otherKey, ISSUED),
      '',
      'v1.reply',
      `${token}.x`,
      token.replace(/^v1/, 'v2'),
    ]) {
      expect(readFormToken(bad, KEY, ISSUED), bad).toBeUndefined();
    }
  });

  it('expires after its lifetime, and is refused if issued in the future beyond clock skew', () => {
    const token = issueFormToken('tip', KEY, ISSUED);
    expect(readFormToken(token, KEY, later(FORM_TOKEN_LIFETIME_MS - 1))).toBeDefined();
    expect(readFormToken(token, KEY, later(FORM_TOKEN_LIFETIME_MS))).toBeUndefined();
    expect(readFormToken(issueFormToken('tip', KEY, later(60 * 60_000)), KEY, ISSUED)).toBeUndefined();
  });

  it('is tied to its form: the tip form sends and switches language, the inbox form opens, the reply form answers and refreshes', () => {
    expect(['tip', 'lang'].filter((a) => formAllows('tip', a))).toEqual(['tip', 'lang']);
    expect(['tip', 'lang', 'inbox', 'reply'].filter((a) => formAllows('inbox', a))).toEqual(['inbox']);
    expect(['tip', 'lang', 'inbox', 'reply'].filter((a) => formAllows('reply', a))).toEqual(['inbox', 'reply']);
  });

  it('is stored, once spent, under a keyed name that is not its id', () => {
    const read = readFormToken(issueFormToken('tip', KEY, ISSUED), KEY, ISSUED)!;
    const stored = spentTokenKey(read, KEY);
    expect(stored).not.toContain(read.id);
    expect(stored).not.toBe(spentTokenKey(read, formTokenKey('another-deployment')));
  });
});

describe('spending a form token', () => {
  it('works once: the same post sent again, to this instance or another, is not acted on', async () => {
    const store = sharedStore();
    const token = issueFormToken('tip', KEY, ISSUED);
    const first = await spendFormToken(token, 'tip', KEY, store, later(1000));
    const again = await spendFormToken(token, 'tip', KEY, store, later(2000));
    expect(first.spent).toBe(true);
    expect(again).toEqual({ spent: false, why: 'used' });
    // A language switch spends it too: Back to that page does not show the draft again.
    const switched = issueFormToken('tip', KEY, ISSUED);
    expect((await spendFormToken(switched, 'lang', KEY, store, ISSUED)).spent).toBe(true);
    expect(await spendFormToken(switched, 'tip', KEY, store, ISSUED)).toEqual({ spent: false, why: 'used' });
  });

  it('is remembered until after the token would have expired anyway', async () => {
    const store = sharedStore();
    await spendFormToken(issueFormToken('inbox', KEY, ISSUED), 'inbox', KEY, store, ISSUED);
    const [keepUntil] = [...store.kept.values()];
    expect(keepUntil!.getTime()).toBeGreaterThanOrEqual(ISSUED.getTime() + FORM_TOKEN_LIFETIME_MS);
    expect(keepUntil!.getTime()).toBeLessThanOrEqual(ISSUED.getTime() + FORM_TOKEN_LIFETIME_MS + 10 * 60_000);
  });

  it('refuses a missing, forged or expired token, or one of another form, without writing anything', async () => {
    const store = sharedStore();
    expect(await spendFormToken(null, 'tip', KEY, store, ISSUED)).toEqual({ spent: false, why: 'missing' });
    expect(await spendFormToken('v1.tip.x.y.z', 'tip', KEY, store, ISSUED)).toEqual({ spent: false, why: 'invalid' });
    expect(await spendFormToken(issueFormToken('tip', KEY, ISSUED), 'tip', KEY, store, later(FORM_TOKEN_LIFETIME_MS + 1))).toEqual({
      spent: false,
      why: 'invalid',
    });
    expect(await spendFormToken(issueFormToken('tip', KEY, ISSUED), 'reply', KEY, store, ISSUED)).toEqual({ spent: false, why: 'wrong_form' });
    expect(await spendFormToken(issueFormToken('inbox', KEY, ISSUED), 'tip', KEY, store, ISSUED)).toEqual({ spent: false, why: 'wrong_form' });
    expect(store.kept.size).toBe(0);
  });

  it('can be unspent after our own failure, so that sending the page again works', async () => {
    const store = sharedStore();
    const token = issueFormToken('reply', KEY, ISSUED);
    const spent = await spendFormToken(token, 'reply', KEY, store, ISSUED);
    if (!spent.spent) throw new Error('not spent');
    await store.unspend(spent.key);
    expect((await spendFormToken(token, 'reply', KEY, store, ISSUED)).spent).toBe(true);
  });
});
