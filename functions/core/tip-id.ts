// Tip ids are short enough to read out over a phone ("T-7K2F9QXM") and carry no time or
// sender information. Crockford's base32 avoids letters that are misread (I, L, O, U).
import { randomInt } from 'node:crypto';
import * as z from 'zod';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIP_ID_LENGTH = 8;

export const TIP_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** Read from a path or a job, upper-cased as operators may type it lower-case. */
export const tipIdSchema = z
  .string()
  .transform((id) => id.toUpperCase())
  .pipe(z.string().regex(TIP_ID_PATTERN, 'A tip id has 8 letters and digits, as shown in the queue.'))
  .brand<'TipId'>();
export type TipId = z.infer<typeof tipIdSchema>;

export function newTipId(randomIndex: (max: number) => number = randomInt): TipId {
  let id = '';
  for (let i = 0; i < TIP_ID_LENGTH; i++) id += CROCKFORD[randomIndex(CROCKFORD.length)];
  return id as TipId;
}
