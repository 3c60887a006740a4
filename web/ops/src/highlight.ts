// Marks the words that made the scorer raise a tip's level, inside one inbound message.
// Evidence offsets point into TipDetail.text (all inbound messages joined by "\n"); each
// inbound entry says where it starts there.
import type { IndicatorFinding } from './api-types';
import { h } from './dom';
import { t, tOr } from './i18n';

interface Span {
  start: number;
  end: number;
  ids: string[];
  past: boolean;
}

/** Evidence spans inside [offset, offset + length), in message coordinates, overlaps merged. */
export function spansIn(text: string, offset: number, evidence: readonly IndicatorFinding[]): Span[] {
  const local = evidence
    .map((e) => ({ start: e.start - offset, end: e.start - offset + e.evidence.length, id: e.id, past: e.tense === 'past', evidence: e.evidence }))
    // An offset that does not land on its own words would mark the wrong text: skip it.
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start && text.slice(s.start, s.end) === s.evidence)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of local) {
    const last = merged.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.ids.includes(s.id)) last.ids.push(s.id);
      last.past &&= s.past;
    } else {
      merged.push({ start: s.start, end: s.end, ids: [s.id], past: s.past });
    }
  }
  return merged;
}

export function highlighted(text: string, offset: number, evidence: readonly IndicatorFinding[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const span of spansIn(text, offset, evidence)) {
    if (span.start > at) fragment.append(text.slice(at, span.start));
    const names = span.ids.map((id) => tOr(`indicator.${id}`, id));
    const label = span.past ? `${names.join(', ')} (${t('tip.past')})` : names.join(', ');
    const attrs = { title: label, 'data-indicators': span.ids.join(' '), 'data-label': label, class: span.past ? 'past' : null };
    fragment.append(h('mark', attrs, text.slice(span.start, span.end)));
    at = span.end;
  }
  if (at < text.length) fragment.append(text.slice(at));
  return fragment;
}
