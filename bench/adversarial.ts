// Long and adversarial tips: repeated near-matches that would make a backtracking matcher or a
// quadratic scope rule blow up, and a realistic long text, each cut to an exact length.

const fill = (unit: string, length: number): string => {
  let s = '';
  while (s.length < length) s += unit;
  return s.slice(0, length);
};

let counter = 0;
const counting = (length: number): string => {
  counter = 0;
  let s = '';
  while (s.length < length) s += `de ${++counter} `;
  return s.slice(0, length);
};

const PROSE =
  'Buenas noches, les escribo porque mi sobrina de 15 años viajó a Mazuko hace tres semanas; una señora le ofreció trabajo de mesera y le pagó el pasaje. ' +
  'Ahora no contesta, dicen que la tienen en un bar del km 108, que le quitaron el dni y que no la dejan salir, aunque antes decía que estaba bien. ';

export const GENERATORS: Record<string, (length: number) => string> = {
  'prose (real tip, repeated)': (n) => fill(PROSE, n),
  'no no no …': (n) => fill('no ', n),
  'de 1 de 2 de 3 …': counting,
  '9 9 9 9 …': (n) => fill('9 ', n),
  'soy soy soy …': (n) => fill('soy ', n),
  'cue-dense (no la dejan salir, …)': (n) => fill('no la dejan salir, le quitaron el dni y dice q debe 500 soles. ', n),
  'one long word (aaaa…)': (n) => fill('a', n),
  'one long word (abcdefgh…)': (n) => fill('abcdefghijklmnopqrstuvwxyz', n),
  'placeholders ([ID] [PHONE] …)': (n) => fill('[ID] [PHONE] [NAME] ', n),
};

export const LENGTHS = [1_000, 2_000, 5_000, 10_000] as const;
