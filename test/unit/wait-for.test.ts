// The shared wait of the integration and browser tests: it returns what the condition found,
// tries again after "not yet" and after an error, and when time runs out says what it awaited.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';

describe('waitFor', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    const answers = [undefined, null, false, 0, 'later'];
    let calls = 0;
    expect(await waitFor(() => answers[calls++], { intervalMs: 1, what: 'a value' })).toBe(0);
    expect(calls).toBe(4);
  });

  it('tries again after a check that throws', async () => {
    let calls = 0;
    const found = await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not there yet');
        return { tipId: 'ABCDEFGH' };
      },
      { intervalMs: 1, what: 'the tip' },
    );
    expect(found).toEqual({ tipId: 'ABCDEFGH' });
    expect(calls).toBe(3);
  });

  it('fails after the timeout, naming what it awaited and the last error', async () => {
    await expect(waitFor(() => false, { timeoutMs: 30, intervalMs: 5, what: 'the queue to drain' })).rejects.toThrow(
      'Timed out after 30 ms waiting for the queue to drain',
    );
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 30, intervalMs: 5, what: () => 'the stack' },
      ),
    ).rejects.toThrow('Timed out after 30 ms waiting for the stack (last check threw: connection refused)');
  });

  it('checks once more at the deadline rather than giving up early', async () => {
    let calls = 0;
    await expect(waitFor(() => (calls += 1) > 1, { timeoutMs: 20, intervalMs: 1_000, what: 'a second look' })).resolves.toBe(true);
    expect(calls).toBe(2);
  });
});
