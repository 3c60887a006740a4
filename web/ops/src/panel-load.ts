// One fetch of a panel that polls while open (the agreement report, the developer outbox):
// what came back or why it failed, and nothing at all if the panel was closed meanwhile, so
// that a late answer never repaints a closed panel.
import { describeError } from './errors';

export interface FetchState {
  ok: boolean;
  at: Date;
  error?: string;
}

export async function loadWhileOpen<T>(load: () => Promise<T>, isOpen: () => boolean): Promise<{ value?: T; state: FetchState } | undefined> {
  try {
    const value = await load();
    return isOpen() ? { value, state: { ok: true, at: new Date() } } : undefined;
  } catch (error: unknown) {
    return isOpen() ? { state: { ok: false, at: new Date(), error: describeError(error) } } : undefined;
  }
}
