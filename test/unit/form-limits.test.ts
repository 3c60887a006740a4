// The enhanced form (web/form/form.js, no build step) counts characters against its own copy
// of the form's limits; it must be the server's, or a tipster is told "too long" for text the
// server would take, or the reverse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORM_LIMITS, MAX_TIP_TEXT } from '../../functions/config/defaults';

describe('the form limits', () => {
  it('are the same in the browser script as on the server', () => {
    const script = readFileSync(new URL('../../web/form/form.js', import.meta.url), 'utf8');
    const literal = /var LIMITS = (\{[^}]*\});/.exec(script)?.[1];
    expect(literal).toBeDefined();
    const browser = JSON.parse(literal!.replace(/(\w+):/g, '"$1":')) as Record<string, number>;
    expect(browser).toEqual({ ...FORM_LIMITS });
    expect(FORM_LIMITS.text).toBe(MAX_TIP_TEXT);
  });
});
