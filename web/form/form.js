// Enhances the server-rendered form, which works without it: nothing navigates, so a visit is
// one history entry for the quick exit to replace. ES2018, no build; server text via textContent.
(function () {
'use strict';
var exitLink = document.querySelector('a.quick-exit');
var exitUrl = exitLink ? exitLink.href : 'about:blank';

// replace() leaves no history entry; blanking hides the page while the neutral site loads.
function quickExit(event) {
  if (event) event.preventDefault();
  document.title = '';
  document.body.textContent = '';
  window.location.replace(exitUrl);
}

var lastEscape = 0;
document.addEventListener('keydown', function (event) {
  if (event.key !== 'Escape' && event.key !== 'Esc' && event.keyCode !== 27) return;
  var now = Date.now();
  if (now - lastEscape <= 1000) quickExit(event);
  lastEscape = now;
});

// On the document: a language switch replaces the body.
var lastButton = null;
document.addEventListener('click', function (event) {
  var target = event.target;
  if (!target.closest) return;
  if (target.closest('a.quick-exit')) return quickExit(event);
  lastButton = target.closest('button');
}, true);

if (!window.fetch || !window.URLSearchParams || !window.DOMParser || !('content' in document.createElement('template'))) return;

var LIMITS = { text: 5000, where: 200, reply: 2000 };
// The message for a status; others get try_again.
var STATUS = { 400: 'invalid', 401: 'wrong_code', 429: 'rate_limited' };
var $ = function (id) { return document.getElementById(id); };
var pageLang = function () { return document.documentElement.lang || 'es'; };

// Messages are data-* attributes the server wrote in the page's language; a 429 says when.
function show(slot, key, body) {
  if (!slot) return;
  var m = body && Math.ceil(body.retryAfterSeconds / 60);
  var wait = m > 0 && slot.getAttribute(m > 1 ? 'data-retry_other' : 'data-retry_one');
  slot.textContent = wait ? wait.replace('{minutes}', m) : slot.getAttribute('data-' + key) || slot.getAttribute('data-try_again') || '';
  slot.hidden = false;
}

function fieldError(id, problem) {
  var field = $(id);
  show($(id + '-error'), problem);
  field.setAttribute('aria-invalid', 'true');
  field.focus();
}

function clearErrors(form) {
  var all = form.querySelectorAll('.field-error, .notice, .sent, [aria-invalid]');
  for (var i = 0; i < all.length; i++) {
    if (all[i].hasAttribute('aria-invalid')) all[i].removeAttribute('aria-invalid');
    else all[i].hidden = true;
  }
}

function busy(button, on) {
  if (!button || !button.isConnected) return;
  if (on) button.setAttribute('data-label', button.textContent);
  var label = button.getAttribute(on ? 'data-sending' : 'data-label');
  if (label) button.textContent = label;
  button.disabled = on;
}

function request(url, type, body) {
  return fetch(url, { method: 'POST', headers: { 'content-type': type }, body: body, credentials: 'omit' });
}

function post(url, payload, button, answer, offline) {
  busy(button, true);
  request(url, 'application/json', JSON.stringify(payload))
    .then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) { answer(res.status, body || {}); });
    }, offline)
    .then(function () { busy(button, false); });
}

// A radio group gives the checked value; a name used twice (button and hidden) gives ''.
function value(form, name) {
  return form.elements[name] ? form.elements[name].value : '';
}

function lengthProblem(text, limit) {
  return text.trim() ? text.length > limit ? 'too_long' : '' : 'required';
}

function node(tag, className, text) {
  var el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function replaceContent(fragment) {
  var content = $('content');
  content.textContent = '';
  content.appendChild(fragment);
  // The top, where the emergency numbers are.
  content.querySelector('h1').focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// The text goes only with the form, on success.
function sendTip(form, button) {
  clearErrors(form);
  var text = form.elements.text.value;
  var where = form.elements.where.value.trim();
  var full = text + (where ? '\n' + form.getAttribute('data-where') + where : '');
  var problem = lengthProblem(text, LIMITS.text) || (full.length > LIMITS.text ? 'too_long' : '');
  if (problem) return fieldError('tip-text', problem);
  if (where.length > LIMITS.where) return fieldError('tip-where', 'too_long');
  var minor = value(form, 'minor');
  var now = value(form, 'now');
  var followUp = value(form, 'followUp') !== 'none';
  var payload = { text: full, lang: pageLang() };
  if (minor || now) payload.signals = {};
  if (minor) payload.signals.minor = minor;
  if (now) payload.signals.happeningNow = now === 'yes';
  var notice = $('tip-notice');
  post('/api/tips', payload, button, function (status, body) {
    if (status === 202) return showReceipt(String(body.receipt || ''), followUp);
    if (status === 400 && body.fields && body.fields.text) return fieldError('tip-text', lengthProblem(full, LIMITS.text) || 'invalid');
    show(notice, STATUS[status]);
  }, function () { show(notice, 'network'); });
}

function showReceipt(receipt, followUp) {
  var view = $('tpl-receipt').content.cloneNode(true);
  var code = view.querySelector('[data-slot="receipt"]');
  receipt.split(/\s+/).forEach(function (group) {
    if (group) code.appendChild(node('span', 'group', group));
  });
  var variants = view.querySelectorAll('[data-followup]');
  for (var i = 0; i < variants.length; i++) {
    if ((variants[i].getAttribute('data-followup') === 'receipt') !== followUp) variants[i].remove();
  }
  replaceContent(view);
}

function addEntry(list, entry) {
  var kind = entry.kind === 'out' ? 'out' : 'in';
  var at = String(entry.at);
  var date = new Date(at);
  var time = node('time', '', isNaN(date) ? at : date.toLocaleString(list.getAttribute('data-locale') || 'es-PE', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }));
  time.setAttribute('datetime', at);
  var meta = node('p', 'meta');
  meta.append(node('span', 'who', list.getAttribute('data-' + kind)), ' · ', time);
  var li = node('li', 'entry ' + kind);
  li.append(meta, node('p', 'text', String(entry.text)));
  list.appendChild(li);
}

function showInbox(receipt, entries, draft) {
  var view = $('tpl-inbox').content.cloneNode(true);
  var slots = view.querySelectorAll('input[data-slot="receipt"]');
  for (var i = 0; i < slots.length; i++) slots[i].value = receipt;
  var list = view.querySelector('[data-slot="entries"]');
  entries.forEach(function (entry) { addEntry(list, entry); });
  view.querySelector('[data-slot="empty"]').hidden = entries.length > 0;
  view.querySelector('textarea').value = draft;
  replaceContent(view);
}

// The start page's code field, or "see new answers" in the reply form (draft kept).
function openInbox(form, button) {
  var field = form.elements.receipt;
  var onStart = field.type !== 'hidden';
  var slot = onStart ? $('inbox-receipt-error') : $('reply-notice');
  var draft = form.elements.text ? form.elements.text.value : '';
  var fail = function (key, body) {
    show(slot, key, body);
    if (onStart) field.setAttribute('aria-invalid', 'true');
  };
  clearErrors(form);
  var digits = field.value.replace(/[\s-]/g, '');
  if (!/^\d{16}$/.test(digits)) return fail(digits ? 'invalid' : 'required');
  post('/api/inbox', { receipt: field.value }, button, function (status, body) {
    if (status === 200) return showInbox(field.value, Array.isArray(body.entries) ? body.entries : [], draft);
    fail(STATUS[status] || 'try_again', body);
  }, function () { fail('network'); });
}

function sendReply(form, button) {
  clearErrors(form);
  var field = form.elements.text;
  var text = field.value;
  var problem = lengthProblem(text, LIMITS.reply);
  if (problem) return fieldError('reply-text', problem);
  var notice = $('reply-notice');
  post('/api/inbox/reply', { receipt: form.elements.receipt.value, text: text, lang: pageLang() }, button, function (status, body) {
    if (status === 202 || status === 200) {
      addEntry(document.querySelector('[data-slot="entries"]'), { kind: 'in', at: new Date().toISOString(), text: text });
      document.querySelector('[data-slot="empty"]').hidden = true;
      field.value = '';
      $('reply-sent').hidden = false;
      return;
    }
    if (status === 400) return fieldError('reply-text', 'invalid');
    show(notice, STATUS[status], body);
  }, function () { show(notice, 'network'); });
}

// The server re-renders the page (text kept); swapping the body adds no history entry.
function switchLanguage(form, button) {
  var params = new URLSearchParams();
  params.append('action', 'lang');
  params.append('lang', button && button.name === 'lang' ? button.value : value(form, 'lang') || pageLang());
  ['text', 'where', 'minor', 'now', 'followUp'].forEach(function (name) {
    if (value(form, name)) params.append(name, value(form, name));
  });
  busy(button, true);
  request('/', 'application/x-www-form-urlencoded', params.toString())
    .then(function (res) {
      if (!res.ok) throw res.status;
      return res.text();
    })
    .then(function (html) {
      var next = new DOMParser().parseFromString(html, 'text/html');
      document.documentElement.lang = next.documentElement.lang;
      document.title = next.title;
      document.documentElement.replaceChild(document.adoptNode(next.body), document.body);
      document.querySelector('h1').focus();
    })
    .catch(function () {
      busy(button, false);
      show($('tip-notice'), 'network');
    });
}

var HANDLERS = { tip: sendTip, inbox: openInbox, reply: sendReply, lang: switchLanguage };

document.addEventListener('submit', function (event) {
  var form = event.target;
  var button = event.submitter || (lastButton && lastButton.form === form ? lastButton : null);
  var action = button && button.name === 'action' ? button.value : button && button.name === 'lang' ? 'lang' : value(form, 'action');
  if (!HANDLERS[action]) return;
  event.preventDefault();
  HANDLERS[action](form, button);
});
})();
