// Found identifiers as character ranges, and the one place that turns them into placeholders.
import type { PlaceholderKind, Redaction } from '../tip';

export interface Span {
  start: number;
  end: number;
  kind: PlaceholderKind;
}

/**
 * Overlapping spans merge into one placeholder: two detectors agreeing on "51987654321@s.whatsapp.net"
 * must not leave a fragment of the number between two placeholders.
 */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      if (s.end - s.start > last.end - last.start) last.kind = s.kind;
      last.end = Math.max(last.end, s.end);
    } else {
      merged.push({ ...s });
    }
  }
  return merged;
}

export function render(text: string, spans: readonly Span[]): Redaction {
  const counts: Redaction['counts'] = {};
  let out = '';
  let at = 0;
  for (const s of mergeSpans(spans)) {
    out += `${text.slice(at, s.start)}[${s.kind}]`;
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    at = s.end;
  }
  return { text: out + text.slice(at), counts };
}
