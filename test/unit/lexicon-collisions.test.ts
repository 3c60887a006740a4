// Every lexicon is applied to every tip, and normalisation folds accents and double letters, so a
// word of one language can land on a common word of another: English "soon" is read "son" (Spanish
// "are"), Portuguese "no" is "in the". This test holds the non-Spanish lexicons away from the
// commonest Spanish words, where a collision would fire on almost every Spanish tip (loans that
// mean the same in both, "bar" and "mina", are left out of the list).
import { describe, expect, it } from 'vitest';
import en from '../../functions/core/triage/lexicons/en.json' with { type: 'json' };
import pt from '../../functions/core/triage/lexicons/pt.json' with { type: 'json' };
import qu from '../../functions/core/triage/lexicons/qu.json' with { type: 'json' };
import { normWord } from '../../functions/core/triage/normalize';

const COMMON_SPANISH = `de la que el en y a los se del las un por con no una su para es al lo como mas pero sus le ya o
este si porque esta entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos durante todos uno les ni
contra otros ese eso ante ellos e esto mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada
muchos cual poco ella estar estas algunas algo nosotros son fue era ser tiene tienen hace dice dicen va van voy vamos
tengo estoy estan sigue hoy ayer noche dia dias casa chica chicas hija hijo ahi aqui alla bien mal solo sola`
  .split(/\s+/)
  .filter(Boolean)
  .map(normWord);

/** The single words a cue opens with or is made of, as the matcher reads them (stems end in "*"). */
function cueWords(cues: Record<string, string[]>, skipKinds: readonly string[]): Array<{ kind: string; word: string; pattern: string }> {
  const out: Array<{ kind: string; word: string; pattern: string }> = [];
  for (const [kind, patterns] of Object.entries(cues)) {
    if (skipKinds.includes(kind)) continue;
    for (const pattern of patterns) {
      const steps = pattern.trim().split(/\s+/);
      // a one-word cue fires on that word alone; longer cues need their neighbours too
      if (steps.length !== 1) continue;
      for (const alt of steps[0]!.replace(/\?$/, '').split('|')) {
        if (alt.startsWith('@') || alt.startsWith('#') || alt.endsWith('*')) continue;
        out.push({ kind, word: normWord(alt), pattern });
      }
    }
  }
  return out;
}

// connective and scope words are expected to overlap (Portuguese "e", "ou"); what matters is
// that no indicator, risk or time cue fires on a common Spanish word
const SCOPE_KINDS = ['conj', 'present', 'neg', 'pseudo', 'official', 'bribe'];

describe.each([
  ['en', en.cues],
  ['pt', pt.cues],
  ['qu', qu.cues],
] as const)('the %s lexicon', (_lang, cues) => {
  it('has no one-word cue that reads as a common Spanish word', () => {
    const collisions = cueWords(cues as Record<string, string[]>, SCOPE_KINDS).filter((c) => COMMON_SPANISH.includes(c.word));
    expect(collisions).toEqual([]);
  });
});
