// The command-line tool. `score` runs the same core functions as the handlers: redaction at
// intake, then urgency scoring on the redacted text.
//
//   npm run --silent cli -- score --jsonl FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { redactIdentifiers } from '../functions/core/redaction/redact';
import { scoreUrgency } from '../functions/core/triage/score';
import { CHANNELS } from '../functions/core/tip';

const USAGE = `usage:
  tipline score --jsonl FILE     score tips, one JSON object a line: {"id", "text", "channel"?}
                                 prints {"id","level","score","indicators":[{"id","evidence"}],"redacted"} a line`;

const tipLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string(), channel: z.enum(CHANNELS).optional() });

function scoreTip(text: string) {
  const redaction = redactIdentifiers(text);
  const assessment = scoreUrgency(redaction.text);
  return {
    level: assessment.level,
    score: assessment.score,
    indicators: assessment.indicators.map((finding) => ({ id: finding.id, evidence: finding.evidence })),
    rule: assessment.rule,
    places: assessment.places.map((place) => place.place),
    redacted: redaction.text,
  };
}

async function score(file: string): Promise<number> {
  const lines = createInterface({ input: file === '-' ? process.stdin : createReadStream(file), crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const raw of lines) {
    lineNumber++;
    if (!raw.trim()) continue;
    let parsed: ReturnType<typeof tipLine.safeParse>;
    try {
      parsed = tipLine.safeParse(JSON.parse(raw));
    } catch {
      parsed = { success: false } as ReturnType<typeof tipLine.safeParse>;
    }
    if (!parsed.success) {
      failures++;
      process.stderr.write(`line ${lineNumber}: not a tip line; expected {"id": "...", "text": "..."}\n`);
      continue;
    }
    const { id, text } = parsed.data;
    const { level, score: points, indicators, redacted } = scoreTip(text);
    process.stdout.write(`${JSON.stringify({ id, level, score: points, indicators, redacted })}\n`);
  }
  return failures ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'score': {
      const at = rest.indexOf('--jsonl');
      const file = at >= 0 ? rest[at + 1] : undefined;
      if (!file) break;
      return score(file);
    }
    default:
      break;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`tipline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
