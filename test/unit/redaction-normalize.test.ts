// Table-driven cases for normalizeTipText: one stored form for every way of writing a
// character, and no invisible character that changes what the text shows or how it splits.
import { describe, expect, it } from 'vitest';
import { normalizeTipText } from '../../functions/core/redaction/normalize-text';
import { redactIdentifiers } from '../../functions/core/redaction/redact';

interface Case {
  raw: string;
  text: string;
  hidden?: number;
}

const run = (c: Case) => {
  // Act
  const result = normalizeTipText(c.raw);
  // Assert
  expect(result).toEqual({ text: c.text, hidden: c.hidden ?? 0 });
};

const compatibility: Case[] = [
  { raw: 'cel ９６３ ５８２ ７４１', text: 'cel 963 582 741' },
  { raw: 'ＤＮＩ ４７１２８３５６', text: 'DNI 47128356' },
  { raw: '𝟗𝟔𝟑 𝟓𝟖𝟐 𝟕𝟒𝟏', text: '963 582 741' },
  { raw: '𝟡𝟞𝟛 𝟝𝟠𝟚', text: '963 582' },
  { raw: '𝟫𝟨𝟥 𝟶𝟷𝟸', text: '963 012' },
  { raw: '𝐦𝐢 𝐜𝐞𝐥', text: 'mi cel' },
  { raw: '𝓂𝒾 𝒸𝑒𝓁', text: 'mi cel' },
  { raw: '𝕞𝕚 𝕔𝕖𝕝', text: 'mi cel' },
  { raw: '⑨⑥③⑤⑧②⑦④①', text: '963582741' },
  { raw: '⓪①', text: '01' },
  { raw: '⑽ chicas', text: '(10) chicas' },
  { raw: '⑼⑹⑶', text: '(9)(6)(3)' },
  { raw: '⒐⒍⒊', text: '9.6.3.' },
  { raw: '⁹⁶³ ₅₈₂', text: '963 582' },
  { raw: 'correo rosa＠gmail．com', text: 'correo rosa@gmail.com' },
  { raw: 'no\u00a0tengo\u202fmiedo', text: 'no tengo miedo' },
];

const keycaps: Case[] = [
  { raw: '9\ufe0f\u20e36\ufe0f\u20e33\ufe0f\u20e3', text: '963' },
  { raw: '9\u20e36\u20e33\u20e3', text: '963' },
  { raw: 'km 1\ufe0f\u20e30\ufe0f\u20e38\ufe0f\u20e3', text: 'km 108' },
  { raw: 'llama ya #\ufe0f\u20e3 *\ufe0f\u20e3', text: 'llama ya #\ufe0f\u20e3 *\ufe0f\u20e3' },
];

const otherDigits: Case[] = [
  { raw: '❾❻❸❺❽❷❼❹❶', text: '963582741' },
  { raw: '➈➅➂ ➎➇➁', text: '963 582' },
  { raw: '⓿ ❿ ➉ ➓ ⓾ ⓫ ⓴', text: '0 10 10 10 10 11 20' },
  { raw: '٩٦٣ ٥٨٢ ٧٤١', text: '963 582 741' },
  { raw: '۹۶۳ ۵۸۲', text: '963 582' },
  { raw: '९६३ ५८२', text: '963 582' },
  { raw: '๙๖๓ ๕๘๒', text: '963 582' },
  { raw: '৯৬৩', text: '963' },
];

const invisible: Case[] = [
  { raw: 'km \u202e801\u202c', text: 'km 801', hidden: 2 },
  { raw: '9\u200b6\u200c3\u200d5\u200e8\u200f2', text: '963582', hidden: 5 },
  { raw: '\u202a963\u202b582\u202d741\u202e', text: '963582741', hidden: 4 },
  { raw: '9\u20606\u20613\u20625\u20638\u20642', text: '963582', hidden: 5 },
  { raw: '\u2066963\u2067582\u2068741\u2069', text: '963582741', hidden: 4 },
  { raw: '\ufeffmi cel 96\u00ad3\u061c582', text: 'mi cel 963582', hidden: 3 },
  { raw: 'rosa\u200b@\u200bgmail.com', text: 'rosa@gmail.com', hidden: 2 },
  { raw: '9\ufe0f6\ufe0f3', text: '963', hidden: 2 },
];

const untouched: Case[] = [
  { raw: 'Señora Núñez, ¿cómo está? Ñuqa wawayta maskhani', text: 'Señora Núñez, ¿cómo está? Ñuqa wawayta maskhani' },
  { raw: 'ayuda 🙏🙏 mi hija 😢', text: 'ayuda 🙏🙏 mi hija 😢' },
  { raw: 'familia 👨\u200d👩\u200d👧 y 🏳\ufe0f\u200d🌈', text: 'familia 👨\u200d👩\u200d👧 y 🏳\ufe0f\u200d🌈' },
  { raw: 'te quiero ❤\ufe0f ℹ\ufe0f ™ ‼', text: 'te quiero ❤\ufe0f ℹ\ufe0f ™ ‼' },
  { raw: 'línea uno\nlínea dos\r\nlínea tres', text: 'línea uno\nlínea dos\r\nlínea tres' },
  { raw: 'pagan S/ 2000 en el km 108', text: 'pagan S/ 2000 en el km 108' },
  { raw: '', text: '' },
];

describe('normalizeTipText: compatibility forms (NFKC)', () => {
  it.each(compatibility)('$raw', run);
});

describe('normalizeTipText: keycap digits', () => {
  it.each(keycaps)('$raw', run);
});

describe('normalizeTipText: digits NFKC leaves alone', () => {
  it.each(otherDigits)('$raw', run);
});

describe('normalizeTipText: invisible and direction-control characters', () => {
  it.each(invisible)('$raw', run);
});

describe('normalizeTipText: what it must not change', () => {
  it.each(untouched)('$raw', run);
});

describe('redactIdentifiers on normalized text', () => {
  it('stores the km marker the writer typed, not the one displayed, and counts what it hid', () => {
    const result = redactIdentifiers('la tienen en el km \u202e801\u202c');
    expect(result.text).toBe('la tienen en el km 801');
    expect(result.hidden).toBe(2);
  });

  it.each([
    'mi cel ９６３ ５８２ ７４１',
    'mi cel 𝟗𝟔𝟑𝟓𝟖𝟐𝟕𝟒𝟏',
    'mi cel ⑨⑥③⑤⑧②⑦④①',
    'mi cel ❾❻❸❺❽❷❼❹❶',
    'mi cel ٩٦٣٥٨٢٧٤١',
    'mi cel 9\ufe0f\u20e36\ufe0f\u20e33\ufe0f\u20e35\ufe0f\u20e38\ufe0f\u20e32\ufe0f\u20e37\ufe0f\u20e34\ufe0f\u20e31\ufe0f\u20e3',
    'mi cel 9\u200b6\u200b3\u20605\u20608\u00ad2\u200d7\u200c4\u200e1',
  ])('redacts a phone written as %s', (raw) => {
    const result = redactIdentifiers(raw);
    expect(result.text).toBe('mi cel [PHONE]');
  });
});
