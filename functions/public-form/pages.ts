// The public tip form, rendered on the server as complete HTML documents so that it works with
// JavaScript off (Tor Browser's safest mode, old phones). Every step posts back to `/`, so the
// address bar never shows where the tipster is. web/form/form.js only enhances these pages; the
// <template>s below give it the receipt and inbox markup, so both paths show the same thing.
import type { EmergencyNumber } from '../core/acknowledgement';
import replies from '../core/messages/replies.json' with { type: 'json' };
import { LANGS, type Lang } from '../core/tip';
import { dataAttributes, html, SafeHtml } from './html';
import { STRINGS, type ErrorField, type Strings } from './strings';
import { FORM_LIMITS } from '../config/defaults';

/** The form speaks every language the line answers in. */
export type FormLang = Lang;
export interface TipFormValues {
  text: string;
  where: string;
  minor: '' | 'yes' | 'no' | 'unknown';
  now: '' | 'yes' | 'no';
  followUp: '' | 'receipt' | 'none';
}
export type FieldProblem = 'required' | 'too_long' | 'invalid';
export interface PageCommon {
  lang: FormLang;
  emergencyNumbers: EmergencyNumber[];
  quickExitUrl: string;
}
export interface InboxEntry {
  kind: 'in' | 'out';
  at: string;
  text: string;
}
/** The one-time tokens of the start page's two forms (core/form-token). */
export interface StartTokens {
  tip: string;
  inbox: string;
}

export { FORM_LIMITS };

export const FORM_LANGS: readonly FormLang[] = LANGS;

const EMPTY_VALUES: TipFormValues = { text: '', where: '', minor: '', now: '', followUp: '' };

// Dates in the thread are shown in Peru's time: the deployment serves Peru, and the server
// cannot know the phone's zone. The enhanced form uses the phone's own zone instead, and this
// locale, which the thread carries as data-locale.
const DISPLAY_TIME_ZONE = 'America/Lima';
const DATE_LANG_TAG: Record<FormLang, string> = { es: 'es-PE', en: 'en-GB', qu: 'es-PE', pt: 'pt-BR' };

export function formatAt(at: string, lang: FormLang): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(DATE_LANG_TAG[lang], {
    timeZone: DISPLAY_TIME_ZONE,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

// ---------------------------------------------------------------------------------------------
// Pieces

function documentShell(p: PageCommon, s: Strings, main: SafeHtml, templates: SafeHtml = html``): string {
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${s.title}</title>
<link rel="stylesheet" href="/form.css">
<script src="/form.js" defer></script>
</head>
<body>
<header class="bar">
<a href="${p.quickExitUrl}" rel="noreferrer" class="quick-exit">${s.quickExit}</a>
<span class="quick-exit-hint">${s.quickExitHint}</span>
</header>
<main id="main">
${emergency(s, p.emergencyNumbers)}
<div id="content">
${main}
</div>
</main>
${templates}
</body>
</html>
`.value;
}

function emergency(s: Strings, numbers: EmergencyNumber[]): SafeHtml {
  if (numbers.length === 0) return html``;
  return html`<section class="emergency" aria-labelledby="emergency-title">
<h2 id="emergency-title">${s.emergencyTitle}</h2>
<p>${s.emergencyCall}</p>
<ul class="numbers">
${numbers.map((n) => html`<li><a href="tel:${n.number}">${n.label ? `${n.number} (${n.label})` : n.number}</a></li>\n`)}</ul>
</section>`;
}

/** The message slot for a field: always present (empty when fine) so form.js can fill it. */
function fieldError(s: Strings, id: string, field: ErrorField, problem: FieldProblem | undefined): SafeHtml {
  const messages = s.errors[field];
  return html`<p class="field-error" id="${id}-error"${dataAttributes(messages)}${problem ? '' : new SafeHtml(' hidden')}>${problem ? messages[problem] : ''}</p>`;
}

function invalid(problem: FieldProblem | undefined): SafeHtml {
  return new SafeHtml(problem ? ' aria-invalid="true"' : '');
}

function radios<V extends string>(
  s: Strings,
  name: 'minor' | 'now' | 'followUp',
  legend: string,
  options: ReadonlyArray<readonly [V, string]>,
  selected: string,
  problem: FieldProblem | undefined,
): SafeHtml {
  const id = `tip-${name}`;
  return html`<fieldset class="field choices" id="${id}" aria-describedby="${id}-error">
<legend>${legend}</legend>
${options.map(
  ([value, label]) =>
    html`<label class="choice"><input type="radio" name="${name}" value="${value}"${new SafeHtml(selected === value ? ' checked' : '')}${invalid(problem)}> <span>${label}</span></label>\n`,
)}${fieldError(s, id, name, problem)}
</fieldset>`;
}

function noticeSlot(s: Strings, id: string, text: string | undefined, extra: Record<string, string> = {}): SafeHtml {
  return html`<p class="notice" id="${id}" role="alert"${dataAttributes({ ...s.notices, ...extra })}${text ? '' : new SafeHtml(' hidden')}>${text ?? ''}</p>`;
}

function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

/** A form's one-time token; none in the templates form.js fills, whose posts go to the JSON routes. */
function tokenField(token: string | undefined): SafeHtml | '' {
  return token ? hidden('token', token) : '';
}

/** "Try again in 12 minutes", in the page's language. */
export function retryText(s: Strings, minutes: number): string {
  const whole = Math.max(1, Math.ceil(minutes));
  return (whole === 1 ? s.retryIn.one : s.retryIn.other).replace('{minutes}', String(whole));
}

/** The wait-time texts as data-* attributes, for form.js to fill in the same words. */
function retryData(s: Strings): Record<string, string> {
  return { retry_one: s.retryIn.one, retry_other: s.retryIn.other };
}

/** A form that brings the tipster back to an empty form in their language, at the same URL. */
function backToStart(lang: FormLang, s: Strings): SafeHtml {
  return html`<form method="post" action="/" autocomplete="off" class="start-over">
${hidden('action', 'lang')}${hidden('lang', lang)}
<button type="submit" class="secondary">${s.backToStart}</button>
</form>`;
}

function receiptGroups(receipt: string): SafeHtml[] {
  // Groups of four as separate boxes: a narrow screen wraps between groups, never inside one.
  return receipt
    .split(/\s+/)
    .filter(Boolean)
    .map((group) => html`<span class="group">${group}</span>`);
}

function receiptContent(lang: FormLang, s: Strings, receipt: string, followUp: boolean | 'template'): SafeHtml {
  const codeBlock = html`<div class="receipt-code"${new SafeHtml(followUp === 'template' ? ' data-followup="receipt"' : '')}>
<p>${s.receiptCodeLabel}</p>
<p class="code" data-slot="receipt">${receiptGroups(receipt)}</p>
<p class="warning">${s.receiptWriteDown}</p>
<p>${s.receiptUse}</p>
</div>`;
  const noFollowUp = html`<p${new SafeHtml(followUp === 'template' ? ' data-followup="none"' : '')}>${s.receiptNoFollowUp}</p>`;
  return html`<section class="receipt" aria-labelledby="receipt-title">
<h1 id="receipt-title" tabindex="-1">${s.receiptHeading}</h1>
<p>${s.receiptIntro}</p>
${followUp === true || followUp === 'template' ? codeBlock : ''}
${followUp === false || followUp === 'template' ? noFollowUp : ''}
${backToStart(lang, s)}
</section>`;
}

interface InboxContent {
  receipt: string;
  entries: InboxEntry[];
  /** The reply form's one-time token. */
  token?: string;
  replyValue?: string;
  replyError?: FieldProblem;
  sent?: boolean;
}

function inboxContent(lang: FormLang, s: Strings, p: InboxContent): SafeHtml {
  const entries = p.entries.map(
    (
      e,
    ) => html`<li class="entry ${e.kind}"><p class="meta"><span class="who">${e.kind === 'in' ? s.fromYou : s.fromUs}</span> · <time datetime="${e.at}">${formatAt(e.at, lang)}</time></p>
<p class="text">${e.text}</p></li>\n`,
  );
  // "See new answers" lives in the reply form, after "Answer", so that a half-written answer
  // travels with it (as `text` with action=inbox) and is re-filled, never lost.
  return html`<section class="inbox" aria-labelledby="inbox-title">
<h1 id="inbox-title" tabindex="-1">${s.inboxHeading}</h1>
<ol class="thread" data-slot="entries"${dataAttributes({ in: s.fromYou, out: s.fromUs, locale: DATE_LANG_TAG[lang] })}>
${entries}</ol>
<p class="empty" data-slot="empty"${p.entries.length ? new SafeHtml(' hidden') : ''}>${s.inboxEmpty}</p>
<form method="post" action="/" autocomplete="off" novalidate class="reply-form" id="reply-form">
<div class="field">
<label for="reply-text">${s.replyLabel}</label>
<textarea id="reply-text" name="text" rows="5" required aria-describedby="reply-text-error"${invalid(p.replyError)}>${p.replyValue ?? ''}</textarea>
${fieldError(s, 'reply-text', 'reply', p.replyError)}
</div>
<p class="sent" id="reply-sent" role="status"${p.sent ? '' : new SafeHtml(' hidden')}>${s.replySent}</p>
${noticeSlot(s, 'reply-notice', undefined, { ...s.inboxErrors, ...retryData(s) })}
<button type="submit" name="action" value="reply" class="primary"${dataAttributes({ sending: s.sending })}>${s.replySend}</button>
<button type="submit" name="action" value="inbox" class="secondary refresh">${s.refresh}</button>
<input type="hidden" name="receipt" value="${p.receipt}" data-slot="receipt">${hidden('lang', lang)}${hidden('action', 'reply')}${tokenField(p.token)}
</form>
${backToStart(lang, s)}
</section>`;
}

function privacyGuide(s: Strings): SafeHtml {
  return html`<details class="privacy">
<summary>${s.privacyTitle}</summary>
<ul>
${s.privacySteps.map((step) => html`<li>${step}</li>\n`)}</ul>
</details>`;
}

// ---------------------------------------------------------------------------------------------
// Pages

export function formPage(
  p: PageCommon & {
    tokens: StartTokens;
    values?: TipFormValues;
    errors?: Partial<Record<keyof TipFormValues, FieldProblem>>;
    notice?: 'rate_limited' | 'try_again';
    inboxError?: 'wrong_code' | 'rate_limited' | 'invalid';
    /** The receipt as typed, kept when it was wrong so the tipster can correct one digit. */
    receiptValue?: string;
    /** With inboxError 'rate_limited': how long until the inbox can be tried again. */
    retryAfterMinutes?: number;
  },
): string {
  const s = STRINGS[p.lang];
  const v = p.values ?? EMPTY_VALUES;
  const e = p.errors ?? {};
  const yesNoUnknown = [
    ['yes', s.yes],
    ['no', s.no],
    ['unknown', s.unknown],
  ] as const;
  const yesNo = [
    ['yes', s.yes],
    ['no', s.no],
  ] as const;
  // Following up is the default: a tipster who says nothing can still be asked a question.
  const followUp = v.followUp || 'receipt';

  // Field order matters without JavaScript: the send button is the first submit button, so
  // Enter in "where" sends the tip; the language buttons and the hidden `lang`/`action=lang`
  // come after it, so that the handler, taking the FIRST value of each name, reads action=tip
  // for Send and action=lang, lang=<button> for a language button. `data-where` is the label
  // core's withPlace puts before the place, so form.js sends the same text the plain form does.
  const tipForm = html`<form method="post" action="/" autocomplete="off" novalidate class="tip-form" id="tip-form"${dataAttributes({ where: `${replies[p.lang].whereLabel}: ` })}>
<div class="intro">
<h1 id="form-title" tabindex="-1">${s.heading}</h1>
<p>${s.intro}</p>
</div>
${noticeSlot(s, 'tip-notice', p.notice ? s.notices[p.notice] : undefined)}
<div class="field">
<label for="tip-text">${s.textLabel}</label>
<p class="hint" id="tip-text-hint">${s.textHint}</p>
<textarea id="tip-text" name="text" rows="7" required aria-describedby="tip-text-hint tip-text-error"${invalid(e.text)}>${v.text}</textarea>
${fieldError(s, 'tip-text', 'text', e.text)}
</div>
<div class="field">
<label for="tip-where">${s.whereLabel}</label>
<p class="hint" id="tip-where-hint">${s.whereHint}</p>
<input type="text" id="tip-where" name="where" value="${v.where}" aria-describedby="tip-where-hint tip-where-error"${invalid(e.where)}>
${fieldError(s, 'tip-where', 'where', e.where)}
</div>
${radios(s, 'minor', s.minorLegend, yesNoUnknown, v.minor, e.minor)}
${radios(s, 'now', s.nowLegend, yesNo, v.now, e.now)}
${radios(
  s,
  'followUp',
  s.followUpLegend,
  [
    ['receipt', s.followUpReceipt],
    ['none', s.followUpNone],
  ] as const,
  followUp,
  e.followUp,
)}
<button type="submit" name="action" value="tip" class="primary send"${dataAttributes({ sending: s.sending })}>${s.send}</button>
<fieldset class="langs">
<legend>${s.languageLegend}</legend>
${FORM_LANGS.map(
  (l) =>
    html`<button type="submit" name="lang" value="${l}" lang="${l}"${new SafeHtml(l === p.lang ? ' aria-current="true"' : '')}>${STRINGS[l].langName}</button>\n`,
)}</fieldset>
${hidden('lang', p.lang)}${hidden('action', 'lang')}${tokenField(p.tokens.tip)}
</form>`;

  const inboxForm = html`<section class="inbox-entry" aria-labelledby="inbox-entry-title">
<h2 id="inbox-entry-title">${s.inboxTitle}</h2>
<p>${s.inboxIntro}</p>
<form method="post" action="/" autocomplete="off" novalidate class="inbox-form" id="inbox-form">
${hidden('action', 'inbox')}${hidden('lang', p.lang)}${tokenField(p.tokens.inbox)}
<div class="field">
<label for="inbox-receipt">${s.receiptLabel}</label>
<input type="text" id="inbox-receipt" name="receipt" inputmode="numeric" spellcheck="false" value="${p.receiptValue ?? ''}" aria-describedby="inbox-receipt-error"${invalid(p.inboxError ? 'invalid' : undefined)}>
<p class="field-error" id="inbox-receipt-error"${dataAttributes({ ...s.notices, ...s.inboxErrors, ...retryData(s), required: s.errors.receipt.required })}${p.inboxError ? '' : new SafeHtml(' hidden')}>${inboxErrorText(s, p.inboxError, p.retryAfterMinutes)}</p>
</div>
<button type="submit" class="secondary">${s.inboxOpen}</button>
</form>
</section>`;

  // With the history advice, as the pages rendered here show it.
  const templates = html`<template id="tpl-receipt">${receiptContent(p.lang, s, '', 'template')}\n${privacyGuide(s)}</template>
<template id="tpl-inbox">${inboxContent(p.lang, s, { receipt: '', entries: [] })}\n${privacyGuide(s)}</template>`;

  return documentShell(p, s, html`${tipForm}\n${inboxForm}\n${privacyGuide(s)}`, templates);
}

function inboxErrorText(s: Strings, error: 'wrong_code' | 'rate_limited' | 'invalid' | undefined, retryAfterMinutes: number | undefined): string {
  if (error === 'rate_limited' && retryAfterMinutes !== undefined) return retryText(s, retryAfterMinutes);
  return error ? s.inboxErrors[error] : '';
}

export function receiptPage(p: PageCommon & { receipt: string; followUp: boolean }): string {
  const s = STRINGS[p.lang];
  // The history advice again, now that there is something to clear.
  return documentShell(p, s, html`${receiptContent(p.lang, s, p.receipt, p.followUp)}\n${privacyGuide(s)}`);
}

export function inboxPage(
  p: PageCommon & { receipt: string; entries: InboxEntry[]; token: string; replyValue?: string; replyError?: FieldProblem; sent?: boolean },
): string {
  const s = STRINGS[p.lang];
  return documentShell(p, s, html`${inboxContent(p.lang, s, p)}\n${privacyGuide(s)}`);
}
