// The dashboard finds a sealed span in the text by counting placeholders as intake writes them,
// and asks for a reason within the API's limits.
import { describe, expect, it } from 'vitest';
import { REVEAL_REASON as CORE_REASON } from '../../functions/core/evidence/model';
import { PLACEHOLDER_KINDS as CORE_KINDS } from '../../functions/core/tip';
import { PLACEHOLDER_KINDS, placeholderContext, REVEAL_REASON } from '../../web/ops/src/sealed-spans';

describe('placeholderContext', () => {
  it('knows every placeholder intake writes, so that ordinals count the same', () => {
    expect([...PLACEHOLDER_KINDS].sort()).toEqual([...CORE_KINDS].sort());
  });

  it('refuses in the form the reasons the API refuses', () => {
    expect(REVEAL_REASON).toEqual(CORE_REASON);
  });

  it('finds the n-th placeholder of any kind, with some text either side', () => {
    const text = 'me llamo [NAME], el reclutador me dio su número [PHONE] y su página [HANDLE] para el trabajo en la pampa';
    expect(placeholderContext(text, 1, 10)).toEqual({ before: '…su número ', placeholder: '[PHONE]', after: ' y su pági…' });
    expect(placeholderContext(text, 0, 100)).toEqual({ before: 'me llamo ', placeholder: '[NAME]', after: text.slice(15) });
    expect(placeholderContext(text, 2, 5)?.placeholder).toBe('[HANDLE]');
    expect(placeholderContext(text, 3)).toBeNull();
    expect(placeholderContext('un [OK] y [PHONE]', 0)?.placeholder).toBe('[PHONE]');
  });
});
