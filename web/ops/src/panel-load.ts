// A panel above the queue that is closed by default and polls while open (the agreement report,
// the developer outbox): its head and toggle, its note and the line that says when it last read
// or why it could not. A late answer never repaints a closed panel.
import { h, replaceChildren } from './dom';
import { describeError } from './errors';
import { t } from './i18n';
import { poll } from './poller';
import { timeOfDay } from './time';

export interface FetchState {
  ok: boolean;
  at: Date;
  error?: string;
}

/** What came back or why it failed; undefined if the panel was closed meanwhile. */
export async function loadWhileOpen<T>(load: () => Promise<T>, isOpen: () => boolean): Promise<{ value?: T; state: FetchState } | undefined> {
  try {
    const value = await load();
    return isOpen() ? { value, state: { ok: true, at: new Date() } } : undefined;
  } catch (error: unknown) {
    return isOpen() ? { state: { ok: false, at: new Date(), error: describeError(error) } } : undefined;
  }
}

/** The panel's name: its element ids and classes (`dev-body`) and its i18n keys (`dev.title`). */
export type PanelName = 'agreement' | 'dev';

export interface PanelOptions<T> {
  load: () => Promise<T>;
  pollMs: number;
  /** Extra attributes of the body (the part the toggle shows and hides). */
  body?: Record<string, string | number>;
}

export abstract class PollingPanel<T> {
  readonly element: HTMLElement;
  protected readonly heading: HTMLHeadingElement;
  protected readonly toggle: HTMLButtonElement;
  protected readonly body: HTMLDivElement;
  protected readonly note: HTMLParagraphElement;
  protected readonly state: HTMLParagraphElement;
  /** The last answer; kept while the panel is closed unless `close` is overridden to drop it. */
  protected data: T | null = null;
  protected lastFetch: FetchState | null = null;
  private poller: { now(): void; stop(): void } | null = null;

  /** Subclasses call renderChrome() at the end of their constructor, once their own parts exist. */
  constructor(
    protected readonly name: PanelName,
    private readonly options: PanelOptions<T>,
  ) {
    this.heading = h('h2', { id: `${name}-title` });
    this.toggle = h('button', { type: 'button', 'aria-controls': `${name}-body`, 'aria-expanded': 'false', 'data-action': `${name}-toggle` });
    this.body = h('div', { ...options.body, id: `${name}-body`, class: `panel-body ${name}-body`, hidden: true });
    this.note = h('p', { class: `panel-note ${name}-note` });
    this.state = h('p', { class: `panel-state ${name}-state`, role: 'status' });
    const head = h('div', { class: `panel-head ${name}-head` }, this.heading, this.toggle);
    this.element = h('section', { class: `panel ${name}`, 'aria-labelledby': `${name}-title` }, head, this.body);
    this.body.append(this.note, this.state);
    this.toggle.addEventListener('click', () => this.flip());
  }

  get isOpen(): boolean {
    return this.poller !== null;
  }

  flip(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  open(): void {
    if (this.isOpen) return;
    this.body.hidden = false;
    this.poller = poll(() => this.refresh(), this.options.pollMs);
    this.renderChrome();
  }

  close(): void {
    this.stop();
    this.body.hidden = true;
    this.renderChrome();
  }

  stop(): void {
    this.poller?.stop();
    this.poller = null;
  }

  /** Everything but what was read, and that again: when the panel opens or closes, or the language changes. */
  renderChrome(): void {
    replaceChildren(this.heading, t(`${this.name}.title`));
    replaceChildren(this.toggle, this.isOpen ? t(`${this.name}.hide`) : t(`${this.name}.show`));
    this.toggle.setAttribute('aria-expanded', String(this.isOpen));
    replaceChildren(this.note, t(`${this.name}.note`));
    this.render();
  }

  private async refresh(): Promise<void> {
    const got = await loadWhileOpen(this.options.load, () => this.isOpen);
    if (got === undefined) return;
    if (got.value !== undefined) this.data = got.value;
    this.lastFetch = got.state;
    this.render();
  }

  /** The state line: loading, when it last read or why it failed, then any `more` (joined by " · "). */
  protected showState(...more: string[]): void {
    const fetched = this.lastFetch;
    const line =
      fetched === null
        ? t('app.loading')
        : fetched.ok
          ? t(`${this.name}.updated`, { time: timeOfDay(fetched.at) })
          : t(`${this.name}.failed`, { reason: fetched.error ?? '' });
    replaceChildren(this.state, [line, ...more].filter(Boolean).join(' · '));
    this.state.classList.toggle('offline', fetched?.ok === false);
  }

  /** Shows what was read; called only while open. */
  protected abstract show(): void;

  private render(): void {
    if (this.isOpen) this.show();
  }
}
