// Where a sealed span sits in the redacted text the supervisor already reads: the `ordinal`-th
// placeholder of its message (as intake counts them), with a little text either side, so that a
// request names "the number the recruiter gave" and not a bare id. And the reason's limits, so
// the form refuses what the API would. No DOM here: tested in node against core's own lists.

/** core/evidence/model.ts REVEAL_REASON. */
export const REVEAL_REASON = { min: 20, max: 1000 } as const;

/** Every placeholder intake writes (core's PLACEHOLDER_KINDS, held to it by test/unit/evidence-dashboard.test.ts). */
export const PLACEHOLDER_KINDS = ['PHONE', 'EMAIL', 'ID', 'NAME', 'HANDLE', 'ADDRESS'] as const;

const PLACEHOLDER = new RegExp(`\\[(?:${PLACEHOLDER_KINDS.join('|')})\\]`, 'g');

export interface PlaceholderContext {
  before: string;
  placeholder: string;
  after: string;
}

/** The placeholder number `ordinal` (0-based) of `text` and up to `around` characters either side; null if there is none. */
export function placeholderContext(text: string, ordinal: number, around = 40): PlaceholderContext | null {
  const match = [...text.matchAll(PLACEHOLDER)][ordinal];
  if (!match || match.index === undefined) return null;
  const start = match.index;
  const end = start + match[0].length;
  const from = Math.max(0, start - around);
  const to = Math.min(text.length, end + around);
  return {
    before: `${from > 0 ? '…' : ''}${text.slice(from, start)}`,
    placeholder: match[0],
    after: `${text.slice(end, to)}${to < text.length ? '…' : ''}`,
  };
}
