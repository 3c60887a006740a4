// The dashboard's poller: every 5 s while the tab shows, slower (not never) while it is hidden,
// and at once when it shows again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { poll } from '../../web/ops/src/poller';

class FakeDocument extends EventTarget {
  hidden = false;
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

let page: FakeDocument;

beforeEach(() => {
  vi.useFakeTimers();
  page = new FakeDocument();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('poll', () => {
  it('ticks at once, then every interval while visible', async () => {
    const tick = vi.fn(async () => {});
    const poller = poll(tick, 5_000, { hiddenMs: 30_000, page });
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(tick).toHaveBeenCalledTimes(4);
    expect(poller.every()).toBe(5_000);
    poller.stop();
  });

  it('slows down while hidden and catches up at once when shown', async () => {
    const tick = vi.fn(async () => {});
    const poller = poll(tick, 5_000, { hiddenMs: 30_000, page });
    await vi.advanceTimersByTimeAsync(0);
    page.setHidden(true);
    expect(poller.every()).toBe(30_000);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tick).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    page.setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(3);
    expect(poller.every()).toBe(5_000);
    poller.stop();
  });

  it('pauses while hidden when given no hidden interval (the panels)', async () => {
    const tick = vi.fn(async () => {});
    const poller = poll(tick, 5_000, { page });
    await vi.advanceTimersByTimeAsync(0);
    page.setHidden(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(tick).toHaveBeenCalledTimes(1);
    expect(poller.every()).toBeNull();
    page.setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('runs once more after a tick when asked during it, and never after stop', async () => {
    let finish: () => void = () => {};
    const tick = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const poller = poll(tick, 5_000, { hiddenMs: 30_000, page });
    poller.now();
    poller.now();
    expect(tick).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.stop();
    finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(2);
    expect(poller.every()).toBeNull();
  });
});
