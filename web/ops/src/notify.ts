// Telling an operator whose eyes are elsewhere that a critical tip came in: a sound and a desktop
// notification, both off until the operator turns them on (for this tab only: nothing outlives
// the tab on a shared laptop). The sound is synthesised (the CSP allows no fetched media) and the
// notification names the tip's code, never a word the tipster wrote: it shows on a lock screen.
import type { QueueItem } from './api-types';
import { h, replaceChildren } from './dom';
import { shortId } from './filters';
import { t } from './i18n';
import { goToTip } from './router';

const SOUND_KEY = 'tipline.ops.sound';
const NOTIFY_KEY = 'tipline.ops.notify';

const canNotify = (): boolean => 'Notification' in window;

export class Alerts {
  readonly element: HTMLDetailsElement;
  private readonly summary = h('summary');
  private readonly sound = h('input', { type: 'checkbox', id: 'alert-sound', 'data-action': 'alert-sound' });
  private readonly notify = h('input', { type: 'checkbox', id: 'alert-notify', 'data-action': 'alert-notify' });
  private readonly soundLabel = h('label', { for: 'alert-sound' });
  private readonly notifyLabel = h('label', { for: 'alert-notify' });
  private readonly note = h('p', { class: 'alerts-note', role: 'status' });
  private noteKey: 'alerts.blocked' | 'alerts.unsupported' | null = null;
  private audio: AudioContext | null = null;

  constructor() {
    this.sound.checked = sessionStorage.getItem(SOUND_KEY) === 'on';
    this.notify.checked = sessionStorage.getItem(NOTIFY_KEY) === 'on' && canNotify() && Notification.permission === 'granted';
    this.element = h(
      'details',
      { class: 'alerts' },
      this.summary,
      h('div', { class: 'alerts-body' }, h('p', {}, this.sound, this.soundLabel), h('p', {}, this.notify, this.notifyLabel), this.note),
    );
    this.sound.addEventListener('change', () => {
      sessionStorage.setItem(SOUND_KEY, this.sound.checked ? 'on' : 'off');
      // Turning it on is the click that lets the page play sound; the chime says it works.
      if (this.sound.checked) this.chime();
      this.renderChrome();
    });
    this.notify.addEventListener('change', () => void this.turnNotifications(this.notify.checked));
    if (!canNotify()) {
      this.notify.disabled = true;
      this.noteKey = 'alerts.unsupported';
    }
    this.renderChrome();
  }

  renderChrome(): void {
    const on = [this.sound.checked, this.notify.checked].filter(Boolean).length;
    replaceChildren(this.summary, on > 0 ? t('alerts.titleOn', { count: on }) : t('alerts.title'));
    replaceChildren(this.soundLabel, t('alerts.sound'));
    replaceChildren(this.notifyLabel, t('alerts.notify'));
    replaceChildren(this.note, this.noteKey ? t(this.noteKey) : '');
  }

  /** New critical tips came in (newest first). */
  critical(items: readonly QueueItem[]): void {
    if (items.length === 0) return;
    if (this.sound.checked) this.chime();
    // Someone looking at the queue has the banner; the desktop is for a hidden or unfocused tab.
    if (!this.notify.checked || !canNotify() || Notification.permission !== 'granted') return;
    if (!document.hidden && document.hasFocus()) return;
    for (const item of items.slice(0, 3)) {
      const note = new Notification(t('alerts.critical', { id: shortId(item.tipId) }), { tag: `tipline-${item.tipId}`, lang: document.documentElement.lang });
      note.addEventListener('click', () => {
        window.focus();
        goToTip(item.tipId);
        note.close();
      });
    }
  }

  private async turnNotifications(on: boolean): Promise<void> {
    this.noteKey = null;
    // Asked only now, when the operator turns it on: never at sign-in.
    const permission = on && canNotify() ? (Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission) : null;
    if (on && permission !== 'granted') {
      this.notify.checked = false;
      this.noteKey = 'alerts.blocked';
    }
    sessionStorage.setItem(NOTIFY_KEY, this.notify.checked ? 'on' : 'off');
    this.renderChrome();
  }

  private chime(): void {
    if (!('AudioContext' in window)) return;
    this.audio ??= new AudioContext();
    void this.audio.resume();
    const context = this.audio;
    const start = context.currentTime + 0.01;
    // Two rising notes, soft at both ends so that they do not click.
    [880, 1175].forEach((frequency, index) => {
      const at = start + index * 0.22;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.21);
    });
  }
}
