// Building HTML by hand, safely: every interpolated value is escaped unless it is markup this
// module built itself, so a tip text, a receipt or a configured label can never become markup.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Markup produced by `html`; the only thing that is interpolated without escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = SafeHtml | string | number | false | null | undefined | ReadonlyArray<Interpolated>;

function render(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // false/null/undefined render nothing, so `cond && html\`…\`` reads naturally.
  if (value === false || value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** `name="value"` pairs for data attributes, escaped. */
export function dataAttributes(values: Record<string, string>): SafeHtml {
  return new SafeHtml(
    Object.entries(values)
      .map(([key, value]) => ` data-${key.replace(/[^a-z0-9_-]/gi, '')}="${escapeHtml(value)}"`)
      .join(''),
  );
}
