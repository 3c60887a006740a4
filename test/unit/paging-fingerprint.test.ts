// What paging keeps of a tip to tell a copy: a sketch of the text and a mark of the sender,
// neither of which holds the text or the number. Near-identical copies reach the threshold;
// different reports, even of the same bar, do not; no two paging tips of the corpora do.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contactMark, NEAR_IDENTICAL, shingles, similarity, SKETCH_PATTERN, textSketch } from '../../functions/core/paging/fingerprint';

const sketch = (text: string): string => {
  const made = textSketch(text);
  if (!made) throw new Error(`no sketch for ${JSON.stringify(text)}`);
  return made;
};
const alike = (a: string, b: string): number => similarity(sketch(a), sketch(b));
const exact = (a: string, b: string): number => {
  const [x, y] = [shingles(a), shingles(b)];
  const shared = [...x].filter((s) => y.has(s)).length;
  return shared / (x.size + y.size - shared);
};

const TIP = 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI y no la dejan salir';

describe('the text sketch', () => {
  it('is 128 hex digits whatever the length of the text, and none for a text with nothing to compare', () => {
    for (const text of ['hola', TIP, TIP.repeat(40)]) expect(sketch(text)).toMatch(SKETCH_PATTERN);
    expect(textSketch('')).toBeUndefined();
    expect(textSketch(' ¿?¡! … ')).toBeUndefined();
  });

  it('does not see case, accents, punctuation or spacing', () => {
    expect(sketch('Mi hija de 15 AÑOS, está en un prostíbar… en La Pampa!!')).toBe(sketch('mi hija de 15 anos esta en un prostibar en la pampa'));
  });

  it.each([
    ['the same tip again', TIP, TIP],
    ['another age', TIP, TIP.replace('15', '16')],
    ['a typo', TIP, TIP.replace('prostibar', 'prostibr')],
    ['a word dropped', TIP, TIP.replace(' y no la dejan', ' no la dejan')],
    ['a marker in front', TIP, `ref abcdefgh ${TIP}`],
  ])('reads %s as near-identical', (_name, a, b) => {
    expect(alike(a, b)).toBeGreaterThanOrEqual(NEAR_IDENTICAL);
  });

  it.each([
    ['the same bar, other words', TIP, 'mi sobrina de 14 está en el prostibar Las Vegas de La Pampa, la hacen atender clientes'],
    ['the same template, another place and victim', TIP, 'mi hermana de 16 años está encerrada en un bar de Mazuko, le quitaron el celular'],
    ['a greeting and a report', 'hola', TIP],
    ['two short texts sharing a word', 'hola abcdef', 'hola ghijkl'],
  ])('reads %s as different', (_name, a, b) => {
    expect(alike(a, b)).toBeLessThan(0.5);
  });

  it('estimates the Jaccard similarity of the shingle sets closely', () => {
    const texts = corpusTexts().slice(0, 300);
    const errors: number[] = [];
    for (let i = 0; i + 1 < texts.length; i += 2) errors.push(Math.abs(exact(texts[i]!, texts[i + 1]!) - alike(texts[i]!, texts[i + 1]!)));
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.03);
    expect(errors[errors.length - 1]).toBeLessThan(0.15);
  });

  it('finds no two distinct critical or high tips of the corpora near-identical', () => {
    const urgent = [
      ...new Set(
        corpusTips()
          .filter((t) => t.level === 'critical' || t.level === 'high')
          .map((t) => t.text),
      ),
    ];
    const sketches = urgent.map(sketch);
    let closest = 0;
    for (let i = 0; i < sketches.length; i++) for (let j = i + 1; j < sketches.length; j++) closest = Math.max(closest, similarity(sketches[i]!, sketches[j]!));
    expect(urgent.length).toBeGreaterThan(500);
    expect(closest).toBeLessThan(NEAR_IDENTICAL);
  }, 60_000);
});

describe('the sender mark', () => {
  it('is a fixed-length hash, the same for one contact key, unlinkable to the key itself', () => {
    const key = 'a'.repeat(64);
    expect(contactMark(key)).toMatch(/^[0-9a-f]{32}$/);
    expect(contactMark(key)).toBe(contactMark(key));
    expect(contactMark(key)).not.toBe(contactMark('b'.repeat(64)));
    expect(key).not.toContain(contactMark(key));
  });
});

interface CorpusTip {
  text: string;
  level?: string;
}

function corpusTips(): CorpusTip[] {
  const dir = new URL('../corpus/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /^(dev-tips|tips|holdout|blind-\d+)\.jsonl$/.test(f));
  return files.flatMap((file) =>
    readFileSync(new URL(file, dir), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CorpusTip),
  );
}

function corpusTexts(): string[] {
  return [...new Set(corpusTips().map((t) => t.text))];
}
