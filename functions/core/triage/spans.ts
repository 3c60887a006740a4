// Constant-time questions about sets of token spans, so that rules comparing every hit with
// every other ("is it inside a longer cue?", "does a veto share its clause?") stay linear in
// the length of the tip: adversarial tips repeat one cue thousands of times.

interface Span {
  start: number;
  end: number;
}

/** Whether a span touches any token covered by a set of spans. */
export class Coverage {
  private readonly prefix: Int32Array;

  constructor(length: number, spans: Iterable<Span>) {
    const mark = new Uint8Array(length);
    for (const s of spans) for (let i = s.start; i < s.end && i < length; i++) mark[i] = 1;
    this.prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) this.prefix[i + 1] = this.prefix[i]! + mark[i]!;
  }

  touches(span: Span): boolean {
    const end = Math.min(span.end, this.prefix.length - 1);
    return span.start < end && this.prefix[end]! - this.prefix[span.start]! > 0;
  }
}

/** Whether a span lies inside one of a set of spans. */
export class Containment {
  /** for each token, the furthest end of a span that starts at or before it */
  private readonly reach: Int32Array;

  constructor(length: number, spans: Iterable<Span>) {
    this.reach = new Int32Array(length + 1).fill(-1);
    for (const s of spans) if (s.start <= length && s.end > this.reach[s.start]!) this.reach[s.start] = s.end;
    for (let i = 1; i <= length; i++) if (this.reach[i - 1]! > this.reach[i]!) this.reach[i] = this.reach[i - 1]!;
  }

  contains(span: Span): boolean {
    return (this.reach[span.start] ?? -1) >= span.end;
  }
}
