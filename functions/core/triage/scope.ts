// Whether a cue is asserted now, negated, or about the past (NegEx / ConText style).
//
// - Negation ("no", "nunca", "not", "mana") reaches forward a few words inside its clause;
//   a clause ends at punctuation or a conjunction ("y", "pero", "but"). A negation word
//   that is part of a longer cue ("no la dejan salir", "no le pagan", "no sé") is that
//   cue's own wording (a pseudo-negation) and negates nothing.
// - Time ("hace dos años", "el año pasado", "last year") covers the rest of its sentence up to
//   a contrast or a present-time word ("pero", "ahora", "todavía", "still"), and reaches back
//   only to the start of its own clause.
// - Resolution ("ya está en casa", "ya regresó", "was rescued") covers what came before it,
//   unless a contrast or present-time word stands between them.
// - A negation inside a cue that spans a gap ("la policía no cobra", "the police did not take")
//   negates it, unless the cue spells that negation itself ("no la dejan salir").
import { Break, type Token } from './normalize';
import { Containment } from './spans';
import type { Hit } from './patterns';

export type Status = 'current' | 'past' | 'negated';

const NEGATION_REACH = 3;
const SHORT_SENTENCE = 6;
// a child's age stays a child's age after she escapes; only a time phrase makes it past
// a child's age stays a child's age after she escapes; only a time phrase makes it past. So does
// an official's collusion: "the police took her back to the bar when she escaped" is not over
// because she escaped, only "years ago" or a removed official makes it history
const RESOLUTION_IMMUNE: ReadonlySet<string> = new Set(['imminent_danger', 'taken', 'plea', 'escape', 'minor', 'official_complicity', 'official', 'bribe']);

/** The words a pattern spells out, without its operators: "no|nunca la? dejan" -> no, nunca, la, dejan. */
function spelledWords(source: string): Set<string> {
  return new Set(source.split(/[\s|]+/).map((w) => w.replace(/[?*]$/, '')));
}

export class Scope {
  private readonly clause: Int32Array;
  private readonly segment: Int32Array;
  private readonly sentence: Int32Array;
  /** for each token, the clause of a negation that ends right before it (-1: none) */
  private readonly negationEnd: Int32Array;
  private readonly resolvedSegments = new Set<number>();
  /** a resolution starts at or after the token with no present-time word in between */
  private readonly resolvedAhead: Uint8Array;
  private readonly selfNegating: Uint8Array;
  /** the negation word starting at each token, if any (pseudo-negations included) */
  private readonly negationWordAt: Array<string | undefined>;
  private readonly sentenceLengths: Int32Array;
  /** per segment, the first token a past cue reaches back to: the start of its own clause */
  private readonly pastFrom = new Map<number, number>();

  constructor(tokens: readonly Token[], hits: readonly Hit[]) {
    const n = tokens.length;
    const byKind = (kind: string): Hit[] => hits.filter((h) => h.kind === kind);
    const present = byKind('present');
    const cues = hits.filter((h) => h.kind !== 'neg' && h.kind !== 'conj' && h.kind !== 'present');
    // a negation is a cue's own wording only when the cue spells it: a gap ("@official ~4
    // cobra") that happens to hold a "no" is negated by it, not made of it
    const wordingOf = new Map<string, Containment>();
    const isWording = (neg: Hit): boolean => {
      const word = tokens[neg.start]?.forms[0] ?? '';
      let wording = wordingOf.get(word);
      if (wording === undefined) {
        wording = new Containment(
          n,
          cues.filter((h) => spelledWords(h.source).has(word)),
        );
        wordingOf.set(word, wording);
      }
      return wording.contains(neg);
    };
    const negations = byKind('neg').filter((h) => !isWording(h));
    // a cue that opens with its own negation ("no la dejan salir") is not negated again by an
    // earlier one: "no sabe dónde estoy, no me dejan llamar"
    this.selfNegating = new Uint8Array(n + 1);
    for (const h of byKind('neg')) this.selfNegating[h.start] = 1;

    const conj = new Set(byKind('conj').map((h) => h.start));
    const presentStarts = new Uint8Array(n + 1);
    for (const p of present) presentStarts[p.start] = 1;
    this.clause = new Int32Array(n);
    this.segment = new Int32Array(n);
    this.sentence = new Int32Array(n);
    let c = 0;
    let s = 0;
    let m = 0;
    tokens.forEach((t, i) => {
      if (i > 0 && (t.brk !== Break.None || conj.has(i))) c++;
      if (i > 0 && (t.brk === Break.Hard || presentStarts[i] === 1)) s++;
      if (i > 0 && t.brk === Break.Hard) m++;
      this.clause[i] = c;
      this.segment[i] = s;
      this.sentence[i] = m;
    });

    // a negation reaches a cue that starts at most NEGATION_REACH tokens after its end
    this.negationEnd = new Int32Array(n + 1).fill(-1);
    for (const neg of negations) this.negationEnd[neg.end] = this.clause[neg.start]!;
    this.negationWordAt = new Array<string | undefined>(n);
    for (const neg of byKind('neg')) this.negationWordAt[neg.start] = tokens[neg.start]?.forms[0];

    for (const p of byKind('past')) {
      const seg = this.segment[p.start]!;
      let from = p.start;
      while (from > 0 && this.clause[from - 1] === this.clause[p.start]) from--;
      this.pastFrom.set(seg, Math.min(this.pastFrom.get(seg) ?? from, from));
    }
    const resolvedStarts = new Uint8Array(n + 1);
    for (const r of byKind('resolved')) {
      this.resolvedSegments.add(this.segment[r.start]!);
      resolvedStarts[r.start] = 1;
    }
    // a resolution reaches back over its own sentence, and over the one before only when it is a
    // short sentence of its own: "El vecino ya regresó solo" does not resolve the girl he took
    this.sentenceLengths = new Int32Array(m + 1);
    for (let i = 0; i < n; i++) this.sentenceLengths[this.sentence[i]!]!++;
    this.resolvedAhead = new Uint8Array(n + 1);
    let resolvedSentence = -1;
    let reach = 0;
    for (let i = n - 1; i >= 0; i--) {
      if (resolvedStarts[i] === 1) {
        resolvedSentence = this.sentence[i]!;
        // "Ya escapó." on its own speaks of the sentence before; a long sentence speaks of itself
        // ("una compañera que consiguió fugir contó que la niña está encerrada")
        reach = this.sentenceLength(resolvedSentence) <= SHORT_SENTENCE ? 1 : 0;
      }
      const inReach = resolvedSentence >= 0 && this.sentence[i]! >= resolvedSentence - reach;
      this.resolvedAhead[i] = resolvedStarts[i] === 1 || (inReach && presentStarts[i + 1] !== 1 && this.resolvedAhead[i + 1] === 1) ? 1 : 0;
    }
  }

  clauseOf(token: number): number {
    return this.clause[token] ?? -1;
  }

  /** how many tokens a sentence has */
  sentenceLength(sentence: number): number {
    return this.sentenceLengths[sentence] ?? 0;
  }

  sentenceOf(token: number): number {
    return this.sentence[token] ?? -1;
  }

  statusOf(hit: Hit): Status {
    if (this.isNegated(hit)) return 'negated';
    // an escape is when the danger peaks: "se escapó y la están buscando" stays urgent
    if (!RESOLUTION_IMMUNE.has(hit.kind) && this.isPast(hit)) return 'past';
    if (RESOLUTION_IMMUNE.has(hit.kind) && this.isPastInTime(hit)) return 'past';
    return 'current';
  }

  private isNegated(hit: Hit): boolean {
    if (this.selfNegating[hit.start] === 1) return false;
    const clause = this.clause[hit.start];
    for (let end = Math.max(0, hit.start - NEGATION_REACH); end <= hit.start; end++) {
      if (this.negationEnd[end] === clause) return true;
    }
    return this.negatedInside(hit);
  }

  /**
   * Whether any negation, a pseudo-negation of another cue included, stands just before the hit
   * in its clause: "manam qullqita chaskinchu" is unpaid wages to one cue and a refused bribe to
   * the next. For cues that only count beside others (an official and money in one sentence).
   */
  negatedByAny(hit: Hit): boolean {
    if (this.statusOf(hit) === 'negated') return true;
    const spelled = spelledWords(hit.source);
    for (let i = Math.max(0, hit.start - NEGATION_REACH); i < hit.start; i++) {
      const word = this.negationWordAt[i];
      if (word !== undefined && !spelled.has(word) && this.clause[i] === this.clause[hit.start]) return true;
    }
    return false;
  }

  /**
   * A negation in the gap of a cue, in the clause of the cue's last word: "policia no cobra".
   * Checked against this cue's own wording only: "não recebe" is a pseudo-negation of unpaid
   * wages, and still negates "a polícia não recebe nada". Cues span a few words, so the walk is short.
   */
  private negatedInside(hit: Hit): boolean {
    const last = hit.end - 1;
    let spelled: Set<string> | undefined;
    for (let i = hit.start + 1; i < last; i++) {
      const word = this.negationWordAt[i];
      if (word === undefined || this.clause[i] !== this.clause[last]) continue;
      spelled ??= spelledWords(hit.source);
      if (!spelled.has(word)) return true;
    }
    return false;
  }

  /** past by a time phrase only ("hace dos años"), not by a resolution */
  private isPastInTime(hit: Hit): boolean {
    const pastFrom = this.pastFrom.get(this.segment[hit.start]!);
    return pastFrom !== undefined && hit.start >= pastFrom;
  }

  private isPast(hit: Hit): boolean {
    const seg = this.segment[hit.start]!;
    // a time phrase covers what follows it in its sentence, but reaches back only over its own
    // clause: "hay adolescentes en los prostibares, que fueron alumnas hasta el año pasado"
    const pastFrom = this.pastFrom.get(seg);
    if ((pastFrom !== undefined && hit.start >= pastFrom) || this.resolvedSegments.has(seg)) return true;
    return this.resolvedAhead[hit.start] === 1;
  }
}
