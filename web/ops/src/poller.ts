// Calls `tick` every `intervalMs` while the page is visible, and at once when it becomes
// visible again: a phone in a pocket should not drain its battery and data plan.
export function poll(tick: () => Promise<void>, intervalMs: number): { now(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(run, intervalMs);
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
  const onVisibility = () => (document.hidden ? clearTimeout(timer) : void run());
  document.addEventListener('visibilitychange', onVisibility);
  void run();
  return {
    now: () => void run(),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
