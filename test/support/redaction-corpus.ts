// Labelled tips for the redaction corpus tests, and the leak rule of the team's judging tool
// (test/support/reference-triage-metrics.mjs): a secret with six digits or more leaks when its
// digits survive anywhere once spaces, dots, hyphens, brackets and "+" are squeezed out;
// anything else leaks when it survives verbatim (ignoring case).
import { readFileSync } from 'node:fs';
import * as z from 'zod';

const tipSchema = z.object({
  id: z.string(),
  text: z.string(),
  pii: z.array(z.string()).default([]),
  keep: z.array(z.string()).default([]),
});

export type LabelledTip = z.infer<typeof tipSchema>;

/** The tips of one JSONL file. A missing file throws: silence here would hide leaks. */
export function readLabelledTips(file: URL): LabelledTip[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .map((l) => tipSchema.parse(JSON.parse(l)));
}

const digits = (s: string) => s.replace(/\D/g, '');
const squash = (s: string) => s.toLowerCase().replace(/[\s.\-()+]/g, '');

export function leaked(redacted: string, secret: string): boolean {
  const d = digits(secret);
  return d.length >= 6 ? squash(redacted).includes(d) : redacted.toLowerCase().includes(secret.toLowerCase());
}
