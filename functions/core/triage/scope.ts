// Whether a cue is asserted now, negated, or about the past (NegEx / ConText style).
//
// - Negation ("no", "nunca", "not", "mana") reaches forward a few words inside its clause;
//   a clause ends at punctuation or a conjunction ("y", "pero", "but"). A negation word
//   that is part of a longer cue ("no la dejan salir", "no le pagan", "no sé") is that
//   cue's own wording (a pseudo-negation) and negates nothing.
// - Time ("hace dos años", "el año pasado", "last year") covers its sentence up to a
//   contrast or a present-time word ("pero", "ahora", "todavía", "still").
// - Resolution ("ya está en casa", "ya regresó", "was rescued") covers what came before it,
//   unless a contrast or present-time word stands between them.
import { Break, type Token } from './normalize';
import type { Hit } from './patterns';

export type Status = 'current' | 'past' | 'negated';

const NEGATION_REACH = 3;

const contains = (outer: Hit, inner: Hit): boolean => outer.start <= inner.start && inner.end <= outer.end;

export class Scope {
  private readonly clause: Int32Array;
  private readonly segment: Int32Array;
  private readonly sentence: Int32Array;
  private readonly negations: Hit[];
  private readonly past: Hit[];
  private readonly resolved: Hit[];
  private readonly present: Hit[];

  constructor(tokens: readonly Token[], hits: readonly Hit[]) {
    const byKind = (kind: string): Hit[] => hits.filter((h) => h.kind === kind);
    this.present = byKind('present');
    this.past = byKind('past');
    this.resolved = byKind('resolved');
    const wording = hits.filter((h) => h.kind !== 'neg' && h.kind !== 'conj' && h.kind !== 'present');
    this.negations = byKind('neg').filter((n) => !wording.some((w) => w !== n && contains(w, n)));

    const conj = new Set(byKind('conj').map((h) => h.start));
    const presentStarts = new Set(this.present.map((h) => h.start));
    this.clause = new Int32Array(tokens.length);
    this.segment = new Int32Array(tokens.length);
    this.sentence = new Int32Array(tokens.length);
    let c = 0;
    let s = 0;
    let n = 0;
    tokens.forEach((t, i) => {
      if (i > 0 && (t.brk !== Break.None || conj.has(i))) c++;
      if (i > 0 && (t.brk === Break.Hard || presentStarts.has(i))) s++;
      if (i > 0 && t.brk === Break.Hard) n++;
      this.clause[i] = c;
      this.segment[i] = s;
      this.sentence[i] = n;
    });
  }

  clauseOf(token: number): number {
    return this.clause[token] ?? -1;
  }

  sentenceOf(token: number): number {
    return this.sentence[token] ?? -1;
  }

  statusOf(hit: Hit): Status {
    if (this.isNegated(hit)) return 'negated';
    if (this.isPast(hit)) return 'past';
    return 'current';
  }

  private isNegated(hit: Hit): boolean {
    return this.negations.some(
      (n) => n.end <= hit.start && hit.start - n.end <= NEGATION_REACH && this.clause[n.start] === this.clause[hit.start],
    );
  }

  private isPast(hit: Hit): boolean {
    const seg = this.segment[hit.start];
    if (this.past.some((p) => this.segment[p.start] === seg)) return true;
    return this.resolved.some((r) => {
      if (this.segment[r.start] === seg) return true;
      if (r.start < hit.start) return false;
      return !this.present.some((p) => p.start > hit.start && p.start <= r.start);
    });
  }
}
