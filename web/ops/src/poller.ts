// Calls `tick` every `intervalMs` while the page is visible, and at once when it becomes visible
// again. While hidden it waits `hiddenMs` instead, or stops if none is given: a phone in a pocket
// should not drain its battery and data plan, but the queue in a background tab still has to
// notice a critical tip.
export interface PollOptions {
  /** The interval while the tab is hidden; without it, polling pauses until the tab shows. */
  hiddenMs?: number;
  /** Whose visibility counts: the page's document unless a unit test gives a stand-in. */
  page?: Visibility;
}

/** What the poller needs of `document`. */
export interface Visibility {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface Poller {
  now(): void;
  stop(): void;
  /** The wait before the next tick as things stand (null while paused). */
  every(): number | null;
}

export function poll(tick: () => Promise<void>, intervalMs: number, options: PollOptions = {}): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const page = options.page ?? (globalThis as unknown as { document: Visibility }).document;

  const every = (): number | null => (stopped ? null : page.hidden ? (options.hiddenMs ?? null) : intervalMs);
  const schedule = () => {
    clearTimeout(timer);
    const wait = every();
    if (wait !== null) timer = setTimeout(run, wait);
  };
  async function run(): Promise<void> {
    if (stopped) return;
    // Asked for while a tick is in flight (a filter changed): run once more right after it.
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      await tick();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      } else {
        schedule();
      }
    }
  }
  // Hidden: the slower wait starts now. Visible again: what was missed is fetched at once.
  const onVisibility = () => (page.hidden ? schedule() : void run());
  page.addEventListener('visibilitychange', onVisibility);
  void run();
  return {
    now: () => void run(),
    every,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      page.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
