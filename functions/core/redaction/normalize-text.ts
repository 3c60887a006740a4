// Text as it is found, before any detector looks at it: one form for every way of writing the
// same character (NFKC, keycaps), and no character that changes how text is displayed without
// being seen (zero-width, direction overrides). Stored text is this form.
//
// Why: "km ‮801‬" displays as "km 108"; "９５１" and "𝟗𝟓𝟏" are what a phone keyboard or a
// "fancy font" site makes of 951; "9⁠5⁠1" with word joiners hides digits from any rule that
// reads them as one number.

export interface NormalizedText {
  text: string;
  /** How many invisible or direction-control characters were removed. */
  hidden: number;
}

const ZWJ = 0x200d;
const VS15 = 0xfe0e;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;
const BLACK_FLAG = 0x1f3f4;

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const NOT_PICTOGRAPHIC_RUN = /\P{Extended_Pictographic}+/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII = /[^\p{ASCII}]/u;
/** Characters the passes below act on that NFKC alone would not reveal. */
const NEEDS_WORK =
  /\u034f|\ufe0e|\ufe0f|\u20e3|[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\ufff9-\ufffb\u2776-\u2793\u24eb-\u24ff\u{1f10b}\u{1f10c}\u{e0000}-\u{e007f}]|(?![0-9])\p{Nd}/u;

/**
 * Zero-width, joiner, bidi embedding/override/isolate, soft hyphen, BOM; also the invisible
 * "filler" letters (Hangul) and interlinear annotation marks, which hide text the same way.
 */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x3164 ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff9 && cp <= 0xfffb)
  );
}

const isTag = (cp: number): boolean => cp === 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f);
const isSkinTone = (cp: number): boolean => cp >= 0x1f3fb && cp <= 0x1f3ff;
const isPictographic = (cp: number | undefined): boolean => cp !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(cp));

/** Whether the character before a joiner or selector is part of an emoji sequence. */
const endsEmoji = (cp: number | undefined): boolean => cp !== undefined && (isPictographic(cp) || cp === VS16 || isSkinTone(cp));

/** Pass 1: drop invisible characters, except the joiners and tags inside emoji sequences. */
function dropInvisible(raw: string): NormalizedText {
  const cps = Array.from(raw, (c) => c.codePointAt(0)!);
  const out: number[] = [];
  let text = '';
  let hidden = 0;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const prev = out[out.length - 1];
    // "👩‍💻", "🏳️‍🌈": a joiner between two emoji is part of one picture.
    if (cp === ZWJ && endsEmoji(prev) && isPictographic(cps[i + 1])) {
      out.push(cp);
      text += String.fromCodePoint(cp);
      continue;
    }
    // Subdivision flags ("🏴" + tags) are emoji; tags anywhere else smuggle hidden text.
    if (isTag(cp)) {
      if (prev === BLACK_FLAG || (prev !== undefined && isTag(prev))) {
        out.push(cp);
        text += String.fromCodePoint(cp);
      } else {
        hidden++;
      }
      continue;
    }
    if (isInvisible(cp)) {
      hidden++;
      continue;
    }
    out.push(cp);
    text += String.fromCodePoint(cp);
  }
  return { text, hidden };
}

/** Dingbat digits NFKC leaves alone: ❶➀➊⓵ (1–10), ⓫ (11–20), ⓿🄋🄌 (0). */
function dingbatDigits(cp: number): string | null {
  if (cp >= 0x2776 && cp <= 0x277f) return String(cp - 0x2775);
  if (cp >= 0x2780 && cp <= 0x2789) return String(cp - 0x277f);
  if (cp >= 0x278a && cp <= 0x2793) return String(cp - 0x2789);
  if (cp >= 0x24f5 && cp <= 0x24fe) return String(cp - 0x24f4);
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24eb + 11);
  if (cp === 0x24ff || cp === 0x1f10b || cp === 0x1f10c) return '0';
  return null;
}

const digitValueCache = new Map<number, string>();

/**
 * Every script's decimal digits come in runs of ten starting at zero (a Unicode stability
 * guarantee), so the value is the offset from the start of the run.
 */
function decimalDigit(cp: number): string {
  let value = digitValueCache.get(cp);
  if (value === undefined) {
    let start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((cp - start) % 10);
    digitValueCache.set(cp, value);
  }
  return value;
}

function asDigits(cp: number): string | null {
  if (cp >= 0x30 && cp <= 0x39) return String.fromCodePoint(cp);
  if (cp < 0x80) return null;
  return dingbatDigits(cp) ?? (DECIMAL_DIGIT.test(String.fromCodePoint(cp)) ? decimalDigit(cp) : null);
}

/** Pass 3: keycaps and every other digit form to ASCII; stray variation selectors go. */
function asciiDigits(text: string): NormalizedText {
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  let out = '';
  let hidden = 0;
  let prev: number | undefined;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const digits = asDigits(cp);
    if (digits !== null) {
      // "9️⃣" and "9⃣": a keycap is the digit it shows.
      let k = i + 1;
      if (cps[k] === VS16) k++;
      if (digits.length === 1 && cps[k] === KEYCAP) i = k;
      out += digits;
      prev = cp;
      continue;
    }
    // A selector after a letter or a digit changes nothing visible but splits the number.
    if ((cp === VS15 || cp === VS16) && !(isPictographic(prev) || (prev !== undefined && (prev === 0x23 || prev === 0x2a) && cps[i + 1] === KEYCAP))) {
      hidden++;
      continue;
    }
    out += String.fromCodePoint(cp);
    prev = cp;
  }
  return { text: out, hidden };
}

export function normalizeTipText(raw: string): NormalizedText {
  // Most tips are plain text, accents included: they are returned as they are.
  if (!NON_ASCII.test(raw) || (!NEEDS_WORK.test(raw) && raw.normalize('NFKC') === raw)) return { text: raw, hidden: 0 };
  const visible = dropInvisible(raw);
  // Emoji are left as they are: NFKC would turn "ℹ️" into "i" and "™" into "TM".
  const compatible = visible.text.replace(NOT_PICTOGRAPHIC_RUN, (run) => run.normalize('NFKC'));
  const digits = asciiDigits(compatible);
  return { text: digits.text, hidden: visible.hidden + digits.hidden };
}
