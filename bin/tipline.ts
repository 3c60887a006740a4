// The command-line tool. Every command runs the same core functions as the handlers:
// redaction at intake, then urgency scoring on the redacted text.
//
//   npm run --silent cli -- score --jsonl FILE
//   npm run --silent cli -- explain "text"
//   npm run --silent cli -- eval FILE
//   npm run --silent cli -- eval --overrides [--since YYYY-MM-DD] [--aws]
//   npm run --silent cli -- dlq list|inspect ID|redrive
//   npm run --silent cli -- stats [--from YYYY-MM] [--to YYYY-MM] [--format json|csv] [--aws]
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { redactIdentifiers } from '../functions/core/redaction/redact';
import { CHANNELS, INDICATOR_IDS, LEVELS } from '../functions/core/tip';
import { explainUrgency, type Explanation } from '../functions/core/triage/explain';
import { triageMetrics, type CorpusRow, type Prediction } from '../functions/core/triage/metrics';
import { formatTriageMetrics, metricsJson } from '../functions/core/triage/metrics-text';
import { scoreUrgency, type ScoringOptions } from '../functions/core/triage/score';
import { DLQ_USAGE, dlqCommand, UsageError } from './dlq';
import { OVERRIDES_USAGE, overridesCommand } from './overrides';
import { STATS_USAGE, statsCommand } from './stats';

const USAGE = `usage:
  tipline score --jsonl FILE     score tips, one JSON object a line: {"id", "text", "channel"?}
                                 prints {"id","level","score","indicators":[{"id","evidence"}],"redacted"} a line
  tipline explain "TEXT"         explain the score of one tip: level, rule, evidence in context,
                                 places, and what was set aside as negated, hypothetical or past
  tipline explain --jsonl FILE   explain every tip of a file
  tipline explain                explain the text read from standard input
  tipline eval FILE [--json] [--rules-only]
                                 score a labelled corpus ({"id","text","level","indicators","pii"?,"keep"?}
                                 a line) and print the team's triage metrics (test/support/reference-triage-metrics.mjs);
                                 --rules-only leaves the learned reader out, to see what it adds
FILE may be "-" for standard input.
${OVERRIDES_USAGE}
${DLQ_USAGE}
${STATS_USAGE}`;

const tipLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string(), channel: z.enum(CHANNELS).optional() });
const labelledLine = tipLine.extend({
  level: z.enum(LEVELS),
  indicators: z.array(z.enum(INDICATOR_IDS)),
  pii: z.array(z.string()).optional(),
  keep: z.array(z.string()).optional(),
});

function scoreTip(text: string, options?: ScoringOptions) {
  const redaction = redactIdentifiers(text);
  const assessment = scoreUrgency(redaction.text, undefined, options);
  return {
    level: assessment.level,
    score: assessment.score,
    indicators: assessment.indicators.map((finding) => ({ id: finding.id, evidence: finding.evidence })),
    redacted: redaction.text,
  };
}

/** Yields the parsed lines of a JSON-lines file; unreadable lines are reported and skipped. */
async function* jsonLines<T>(file: string, schema: z.ZodType<T>, expected: string, failures: { count: number }): AsyncGenerator<T> {
  const lines = createInterface({ input: file === '-' ? process.stdin : createReadStream(file), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    if (!raw.trim()) continue;
    let parsed: z.ZodSafeParseResult<T> | undefined;
    try {
      parsed = schema.safeParse(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      failures.count++;
      process.stderr.write(`line ${lineNumber}: not a tip line; expected ${expected}\n`);
      continue;
    }
    yield parsed.data;
  }
}

async function score(file: string): Promise<number> {
  const failures = { count: 0 };
  for await (const { id, text } of jsonLines(file, tipLine, '{"id": "...", "text": "..."}', failures)) {
    const { level, score: points, indicators, redacted } = scoreTip(text);
    process.stdout.write(`${JSON.stringify({ id, level, score: points, indicators, redacted })}\n`);
  }
  return failures.count ? 1 : 0;
}

const CONTEXT = 30;

/** The evidence inside its sentence, marked: "…mi hija [de 15] esta en un…". */
function inContext(text: string, start: number, evidence: string): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, start + evidence.length + CONTEXT);
  const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${oneLine(text.slice(from, start))}[${oneLine(evidence)}]${oneLine(text.slice(start + evidence.length, to))}${to < text.length ? '…' : ''}`;
}

function renderExplanation(text: string, redactedText: string, { assessment, setAside }: Explanation): string {
  const out: string[] = [];
  const width = Math.max(0, ...assessment.indicators.map((i) => i.id.length), ...setAside.map((s) => s.id.length));
  out.push(`level       ${assessment.level} (score ${assessment.score})`);
  out.push(`rule        ${assessment.rule}`);
  if (redactedText !== text) out.push(`redacted    ${redactedText}`);
  out.push('indicators');
  if (assessment.indicators.length === 0) out.push('  none');
  for (const f of assessment.indicators) {
    const past = f.tense === 'past' ? '  (past: listed, did not raise the level)' : '';
    out.push(`  ${f.id.padEnd(width)}  "${f.evidence}"${past}`);
    out.push(`  ${' '.repeat(width)}  ${inContext(redactedText, f.start, f.evidence)}`);
  }
  out.push('places');
  if (assessment.places.length === 0) out.push('  none');
  for (const p of assessment.places) out.push(`  ${p.place} (${p.region}), written "${p.text}"`);
  const past = assessment.indicators.filter((f) => f.tense === 'past');
  out.push('set aside');
  if (setAside.length === 0 && past.length === 0) out.push('  nothing');
  for (const s of setAside) {
    out.push(`  ${s.id.padEnd(width)}  ${s.why}: ${inContext(redactedText, s.start, s.evidence)}`);
  }
  for (const f of past) out.push(`  ${f.id.padEnd(width)}  past: ${inContext(redactedText, f.start, f.evidence)}`);
  return out.join('\n');
}

function explainText(text: string): string {
  const redacted = redactIdentifiers(text).text;
  return renderExplanation(text, redacted, explainUrgency(redacted));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function explain(args: string[]): Promise<number> {
  const at = args.indexOf('--jsonl');
  if (at >= 0) {
    const file = args[at + 1];
    if (!file) return usage();
    const failures = { count: 0 };
    let first = true;
    for await (const { id, text } of jsonLines(file, tipLine, '{"id": "...", "text": "..."}', failures)) {
      process.stdout.write(`${first ? '' : '\n'}── ${id}\n${explainText(text)}\n`);
      first = false;
    }
    return failures.count ? 1 : 0;
  }
  const words = args.filter((a) => a !== '-');
  let text = words.join(' ');
  if (!text) {
    // a terminal with nothing piped in would wait forever: show the usage instead
    if (process.stdin.isTTY) return usage();
    text = await readAll(process.stdin);
  }
  if (!text.trim()) return usage();
  process.stdout.write(`${explainText(text.trim())}\n`);
  return 0;
}

async function evaluate(args: string[]): Promise<number> {
  const asJson = args.includes('--json');
  const options: ScoringOptions = { learnedReader: !args.includes('--rules-only') };
  const rest = args.filter((a) => a !== '--json' && a !== '--jsonl' && a !== '--rules-only');
  const file = rest[0] ?? (process.stdin.isTTY ? undefined : '-');
  if (!file) return usage();
  const failures = { count: 0 };
  const rows: CorpusRow[] = [];
  const predictions: Prediction[] = [];
  const expected = '{"id", "text", "level", "indicators": [...]}';
  for await (const row of jsonLines(file, labelledLine, expected, failures)) {
    rows.push(row);
    const { level, indicators, redacted } = scoreTip(row.text, options);
    predictions.push({ id: row.id, level, indicators, redacted });
  }
  const metrics = triageMetrics(rows, predictions);
  if (asJson) {
    process.stdout.write(`${JSON.stringify(metricsJson(metrics), null, 2)}\n`);
  } else {
    const lines = formatTriageMetrics(metrics);
    // the shared tool prints this line only when there is something under-triaged; an empty
    // list is worth saying out loud here
    if (metrics.under_triaged.length === 0) lines.push('under-triaged: none');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return failures.count ? 1 : 0;
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'score': {
      const at = rest.indexOf('--jsonl');
      const file = at >= 0 ? rest[at + 1] : undefined;
      return file ? score(file) : usage();
    }
    case 'explain':
      return explain(rest);
    case 'eval':
      return rest.includes('--overrides') ? withUsage(() => overridesCommand(rest, (line) => process.stdout.write(`${line}\n`))) : evaluate(rest);
    case 'dlq':
      return withUsage(() => dlqCommand(rest, (line) => process.stdout.write(`${line}\n`)));
    case 'stats':
      return withUsage(() => statsCommand(rest, (text) => process.stdout.write(text)));
    default:
      return usage();
  }
}

/** Runs a command whose wrong arguments throw: those end with the usage, anything else is a failure. */
async function withUsage(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error: unknown) {
    // parseArgs' own errors (an unknown option) are usage errors as well
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`tipline: ${error.message}\n`);
      return usage();
    }
    throw error;
  }
}

// `… | head` closes the pipe early: that is the reader being done, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`tipline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
