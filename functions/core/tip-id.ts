// Tip ids are short enough to read out over a phone ("T-7K2F9QXM") and carry no time or
// sender information. Crockford's base32 avoids letters that are misread (I, L, O, U).
import { randomInt } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIP_ID_LENGTH = 8;

export function newTipId(randomIndex: (max: number) => number = randomInt): string {
  let id = '';
  for (let i = 0; i < TIP_ID_LENGTH; i++) id += CROCKFORD[randomIndex(CROCKFORD.length)];
  return id;
}

export const TIP_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;
