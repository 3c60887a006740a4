// SVG nodes built as dom.ts builds HTML ones: text only as text nodes, no markup from strings.
type Attrs = Record<string, string | number | null | undefined>;
type Child = Node | string | null | undefined | false;

const NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Two decimals are finer than any screen or printer. */
export const px = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * The stripes that mark a suppressed figure, in the chart's own <defs> (an id per chart). The
 * drawing is decorative: the figures are in the table next to it, so screen readers skip it.
 */
export function chartSvg(width: number, height: number, hatchId: string, className: string): SVGSVGElement {
  const hatch = s(
    'pattern',
    { id: hatchId, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, class: 'stat-hatch-ground' }),
    s('rect', { width: 3, height: 6, class: 'stat-hatch-stripe' }),
  );
  return s(
    'svg',
    { class: className, viewBox: `0 0 ${px(width)} ${px(height)}`, width: px(width), height: px(height), 'aria-hidden': 'true', focusable: 'false' },
    s('defs', {}, hatch),
  );
}
