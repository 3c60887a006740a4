// One row of a redaction table: what must go, what must stay. Shared by the per-class tables
// (names, handles, addresses) so that each reads as data.
import { expect } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import type { PlaceholderKind } from '../../functions/core/tip';

export interface RedactionCase {
  text: string;
  /** Substrings that must not survive (compared without regard to case). */
  gone?: string[];
  /** Substrings that must survive verbatim. */
  kept?: string[];
  /** The whole text must come back unchanged. */
  untouched?: true;
  /** Other identifiers may go, but none of this table's kind is found. */
  noneOfKind?: true;
}

/** Checks one row; when something must go, at least one placeholder of `kind` must stand for it. */
export function checkRedaction(c: RedactionCase, kind: PlaceholderKind): void {
  // Arrange
  expect((c.gone?.length ?? 0) + (c.kept?.length ?? 0) + (c.untouched || c.noneOfKind ? 1 : 0), `"${c.text}" checks nothing`).toBeGreaterThan(0);
  // Act
  const { text, counts } = redactIdentifiers(c.text);
  // Assert
  for (const g of c.gone ?? []) expect(text.toLowerCase(), `"${g}" leaked`).not.toContain(g.toLowerCase());
  for (const k of c.kept ?? []) expect(text, `"${k}" was lost`).toContain(k);
  if (c.gone?.length) expect(counts[kind] ?? 0).toBeGreaterThan(0);
  if (c.untouched) expect({ text, counts }).toEqual({ text: c.text, counts: {} });
  if (c.noneOfKind) expect(counts[kind]).toBeUndefined();
}
