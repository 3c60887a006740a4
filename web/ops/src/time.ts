// "hace 12 min": the age an operator weighs against urgency.
import { lang } from './i18n';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function age(iso: string, now: number = Date.now()): string {
  const elapsed = Math.max(0, now - Date.parse(iso));
  const format = new Intl.RelativeTimeFormat(lang(), { numeric: 'auto', style: 'short' });
  for (const [unit, ms] of UNITS) if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  return format.format(0, 'minute');
}

export function clock(iso: string): string {
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** Seconds too: the operator can see that the queue is live. */
export function timeOfDay(date: Date): string {
  return new Intl.DateTimeFormat(lang(), { timeStyle: 'medium' }).format(date);
}

/** "02:14", with the date in front when it is not today: a deadline is read against the clock. */
export function hourMinute(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(lang(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  if (date.toDateString() === now.toDateString()) return time;
  return `${new Intl.DateTimeFormat(lang(), { day: '2-digit', month: '2-digit' }).format(date)} ${time}`;
}
