// Web receipts: a 16-digit code the tipster writes down, stored only as a slow keyed hash
// (scrypt with a server-side pepper), in the manner of GlobaLeaks's receipts.
import { randomInt, scrypt } from 'node:crypto';

const RECEIPT_DIGITS = 16;
// N=2^14 costs 16 MiB and ~50 ms of CPU per guess: affordable once per web tip on a flood
// night (2^15 took 100 ms and saturated two cores at 20 web tips/s), and, with the server-side
// pepper, slow for a thief who holds the table and guesses 16-digit codes.
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export class InvalidReceiptCode extends Error {
  override name = 'InvalidReceiptCode';
  constructor() {
    super('A receipt code has 16 digits; check the code and try again.');
  }
}

export function newReceiptCode(randomDigit: () => number = () => randomInt(10)): string {
  let code = '';
  for (let i = 0; i < RECEIPT_DIGITS; i++) code += String(randomDigit());
  return code;
}

/** "1234 5678 9012 3456": groups of four are easy to copy down and read back. */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function parseReceiptCode(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{16}$/.test(digits)) throw new InvalidReceiptCode();
  return digits;
}

export function hashReceiptCode(code: string, pepper: string): Promise<string> {
  const digits = parseReceiptCode(code);
  return new Promise((resolve, reject) => {
    scrypt(digits, `tipline-receipt:${pepper}`, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key.toString('hex'))));
  });
}
