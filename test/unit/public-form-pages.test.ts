// The public form's server-rendered pages: complete documents in every language, inert tip
// text, field errors next to their field with the value kept, and nothing that the strict CSP
// would block or that would leave the origin.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../functions/public-form/html';
import {
  FORM_LANGS,
  formPage,
  inboxPage,
  receiptPage,
  retryText,
  type FormLang,
  type PageCommon,
  type StartTokens,
  type TipFormValues,
} from '../../functions/public-form/pages';
import { STRINGS } from '../../functions/public-form/strings';

const QUICK_EXIT = 'https://www.google.com/search?q=clima+hoy';
// Shaped like core/form-token's; the pages only carry them.
const TOKENS: StartTokens = { tip: 'v1.tip.tok1.aaaa.bbbb', inbox: 'v1.inbox.tok2.cccc.dddd' };
const REPLY_TOKEN = 'v1.reply.tok3.eeee.ffff';
const common = (lang: FormLang = 'es'): PageCommon & { tokens: StartTokens; token: string } => ({
  lang,
  emergencyNumbers: [
    { number: '105', label: 'Policía' },
    { number: '1818', label: 'Línea gratuita' },
  ],
  quickExitUrl: QUICK_EXIT,
  tokens: TOKENS,
  token: REPLY_TOKEN,
});
const values = (over: Partial<TipFormValues> = {}): TipFormValues => ({ text: '', where: '', minor: '', now: '', followUp: '', ...over });
const RECEIPT = '1234 5678 9012 3456';
const ATTACK = `</textarea><script>alert("x")</script><img src=x onerror=alert(1)>'"&`;

/** Every page the form can show, in one language. */
const allPages = (lang: FormLang): Array<[string, string]> => [
  ['form', formPage({ ...common(lang) })],
  [
    'form with errors',
    formPage({
      ...common(lang),
      values: values({ text: ATTACK, where: ATTACK }),
      errors: { text: 'too_long', where: 'too_long' },
      notice: 'try_again',
      inboxError: 'wrong_code',
    }),
  ],
  ['receipt', receiptPage({ ...common(lang), receipt: RECEIPT, followUp: true })],
  ['receipt without follow-up', receiptPage({ ...common(lang), receipt: '', followUp: false })],
  [
    'inbox',
    inboxPage({
      ...common(lang),
      receipt: RECEIPT,
      entries: [
        { kind: 'in', at: '2025-03-01T14:05:00.000Z', text: ATTACK },
        { kind: 'out', at: '2025-03-01T15:00:00.000Z', text: '¿Dónde está ahora?' },
      ],
      replyValue: ATTACK,
      replyError: 'required',
      sent: true,
    }),
  ],
];

const everyPage = FORM_LANGS.flatMap((lang) => allPages(lang).map(([name, page]) => ({ lang, name, page })));

/** The element with this id, as the markup from its start tag to the end of the line. */
function elementById(page: string, id: string): string {
  const at = page.indexOf(`id="${id}"`);
  expect(at, `#${id} is on the page`).toBeGreaterThan(-1);
  const start = page.lastIndexOf('<', at);
  return page.slice(start, page.indexOf('\n', at));
}

describe('escapeHtml', () => {
  it('turns every character that could open markup or end an attribute into an entity', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('the form pages', () => {
  it.each(everyPage)('$lang $name is a complete document in its language that loads only our files', ({ lang, page }) => {
    expect(page.startsWith(`<!doctype html>\n<html lang="${lang}">`)).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<link rel="stylesheet" href="/form.css">');
    expect(page).toContain('<script src="/form.js" defer></script>');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain(`<title>${escapeHtml(STRINGS[lang].title)}</title>`);
  });

  it.each(everyPage)('$lang $name has no inline script, style or event handler', ({ page }) => {
    // The only <script> is the external one; the CSP forbids anything inline.
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script src="/form.js" defer>']);
    // Start tags with their quoted values blanked: escaped tip text may say "onerror=" and is
    // then only text or an attribute's value.
    const tags = (page.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
    expect(tags.filter((tag) => /^<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:/i.test(tag))).toEqual([]);
  });

  it.each(everyPage)('$lang $name points nowhere outside the origin except the quick exit', ({ page }) => {
    const urls = [...page.matchAll(/\s(?:href|src|action|formaction)="([^"]*)"/g)].map((m) => m[1]!);
    const external = urls.filter((url) => !url.startsWith('/') || url.startsWith('//'));
    // tel: links call the emergency numbers; they load nothing.
    expect(external.filter((url) => !url.startsWith('tel:'))).toEqual([escapeHtml(QUICK_EXIT)]);
    expect(page).toContain(`<a href="${escapeHtml(QUICK_EXIT)}" rel="noreferrer" class="quick-exit">`);
  });

  it.each(everyPage)('$lang $name posts every form to / with autocomplete off and an action', ({ page }) => {
    const forms = [...page.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) {
      const start = form.slice(0, form.indexOf('>') + 1);
      expect(start).toMatch(/^<form method="post" action="\/" autocomplete="off"[ >]/);
      expect(form).toMatch(/<input type="hidden" name="lang" value="(es|en|qu|pt)">/);
      expect(form).toMatch(/name="action" value="(tip|lang|inbox|reply)"/);
    }
    expect(page).not.toMatch(/method="get"/i);
  });

  it.each(everyPage)('$lang $name shows the emergency numbers as "number (label)"', ({ page }) => {
    expect(page).toContain('<a href="tel:105">105 (Policía)</a>');
    expect(page).toContain('<a href="tel:1818">1818 (Línea gratuita)</a>');
  });

  it('leaves the emergency box out when no number is configured', () => {
    expect(formPage({ ...common(), emergencyNumbers: [] })).not.toContain('class="emergency"');
  });

  it('escapes configured values too: a label or a quick-exit URL cannot break out', () => {
    const page = formPage({
      lang: 'es',
      emergencyNumbers: [{ number: '105', label: '<b>x</b>' }],
      quickExitUrl: 'https://example.org/?a=1&b="><script>',
      tokens: TOKENS,
    });
    expect(page).toContain('105 (&lt;b&gt;x&lt;/b&gt;)');
    expect(page).toContain('href="https://example.org/?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
  });
});

describe('tip text is inert', () => {
  it.each(FORM_LANGS)('in %s, a <script> typed into the form, the inbox or a reply is shown as text', (lang) => {
    for (const [, page] of allPages(lang)) {
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).not.toContain('</textarea><script>');
    }
    const form = formPage({ ...common(lang), values: values({ text: ATTACK, where: ATTACK }) });
    expect(form).toContain('&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&quot;&amp;</textarea>');
    expect(form).toContain(`name="where" value="&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)`);
  });
});

describe('the tip form', () => {
  it('has the fields the issue asks for, Spanish by default, following up by default', () => {
    const page = formPage(common());
    expect(page).toMatch(/<textarea id="tip-text" name="text"[^>]*required/);
    expect(page).toMatch(/<input type="text" id="tip-where" name="where"/);
    for (const v of ['yes', 'no', 'unknown']) expect(page).toContain(`name="minor" value="${v}"`);
    for (const v of ['yes', 'no']) expect(page).toContain(`name="now" value="${v}"`);
    expect(page).toContain('name="followUp" value="receipt" checked');
    expect(page).toContain('name="followUp" value="none">');
    expect(page).not.toMatch(/name="(minor|now)" value="[a-z]+" checked/);
  });

  it('sends on the first submit button, so Enter sends and the language buttons only switch', () => {
    const form = formPage(common('en')).match(/<form[^>]*id="tip-form"[\s\S]*?<\/form>/)![0];
    const names = [...form.matchAll(/<(?:button|input)\b[^>]*\bname="(action|lang)" value="([a-z]+)"/g)].map((m) => `${m[1]}=${m[2]}`);
    // First value of each name wins: Send gives action=tip; a language button gives lang=<it>, action=lang.
    expect(names).toEqual(['action=tip', 'lang=es', 'lang=en', 'lang=qu', 'lang=pt', 'lang=en', 'action=lang']);
    expect(form).toContain('<button type="submit" name="lang" value="en" lang="en" aria-current="true">English</button>');
    expect(form).toContain('<button type="submit" name="lang" value="pt" lang="pt">Português</button>');
  });

  it('speaks Brazilian Portuguese when chosen, without JavaScript as with it', () => {
    const page = formPage({ ...common('pt'), values: values({ text: 'o dono ficou com o passaporte dela', where: 'Iñapari' }) });
    expect(page.startsWith('<!doctype html>\n<html lang="pt">')).toBe(true);
    expect(page).toContain('<title>Formulário de contato</title>');
    expect(page).toContain('>Conte para nós o que está acontecendo</h1>');
    expect(page).toContain('<button type="submit" name="lang" value="pt" lang="pt" aria-current="true">Português</button>');
    expect(page).toContain('>Sair rápido</a>');
    expect(page).toContain('<h2 id="emergency-title">Tem alguém em perigo agora?</h2>');
    expect(page).toContain('>o dono ficou com o passaporte dela</textarea>');
    // form.js puts the same label before the place as the server does ("Lugar", as in Spanish).
    expect(page).toContain('data-where="Lugar: "');
    expect(page).toContain('Limpar dados de navegação');
    expect(page).toContain('<input type="hidden" name="lang" value="pt"><input type="hidden" name="action" value="lang">');
  });

  it('re-renders what was typed, answers included, when switching language', () => {
    const typed = values({ text: 'mi hija de 15 años', where: 'La Pampa km 108', minor: 'yes', now: 'no', followUp: 'none' });
    const page = formPage({ ...common('qu'), values: typed });
    expect(page).toContain('>mi hija de 15 años</textarea>');
    expect(page).toContain('name="where" value="La Pampa km 108"');
    expect(page).toContain('name="minor" value="yes" checked');
    expect(page).toContain('name="now" value="no" checked');
    expect(page).toContain('name="followUp" value="none" checked');
    expect(page).not.toContain('name="followUp" value="receipt" checked');
  });

  it.each(FORM_LANGS)('in %s, shows each field error next to its field, linked and marked invalid, with the value kept', (lang) => {
    const s = STRINGS[lang];
    const long = 'x'.repeat(5001);
    const page = formPage({
      ...common(lang),
      values: values({ text: long, where: 'Puerto Maldonado' }),
      errors: { text: 'too_long', where: 'too_long', minor: 'invalid' },
    });

    const textarea = elementById(page, 'tip-text');
    expect(textarea).toContain('aria-invalid="true"');
    expect(textarea).toContain('aria-describedby="tip-text-hint tip-text-error"');
    expect(textarea).toContain(`>${long}</textarea>`);
    expect(elementById(page, 'tip-text-error')).toContain(`>${escapeHtml(s.errors.text.too_long)}</p>`);
    // Next to the field: the message follows the textarea directly.
    expect(page.indexOf('id="tip-text-error"') - page.indexOf('</textarea>')).toBeLessThan(40);

    expect(elementById(page, 'tip-where')).toContain('value="Puerto Maldonado"');
    expect(elementById(page, 'tip-where')).toContain('aria-invalid="true"');
    expect(elementById(page, 'tip-where-error')).toContain(`>${escapeHtml(s.errors.where.too_long)}</p>`);

    expect(elementById(page, 'tip-minor')).toContain('aria-describedby="tip-minor-error"');
    expect(elementById(page, 'tip-minor-error')).toContain(`>${escapeHtml(s.errors.minor.invalid)}</p>`);
    // A field without a problem carries no mark and an empty, hidden slot.
    expect(elementById(page, 'tip-now-error')).toMatch(/ hidden><\/p>$/);
  });

  it.each(FORM_LANGS)('in %s, says "required" when nothing was written', (lang) => {
    const page = formPage({ ...common(lang), values: values(), errors: { text: 'required' } });
    expect(elementById(page, 'tip-text-error')).toContain(`>${escapeHtml(STRINGS[lang].errors.text.required)}</p>`);
  });

  it.each(['rate_limited', 'try_again'] as const)('shows the %s notice above the fields, text kept', (notice) => {
    const page = formPage({ ...common(), values: values({ text: 'ayuda' }), notice });
    expect(elementById(page, 'tip-notice')).toContain(`role="alert"`);
    expect(elementById(page, 'tip-notice')).toContain(`>${escapeHtml(STRINGS.es.notices[notice])}</p>`);
    expect(page).toContain('>ayuda</textarea>');
  });

  it.each(['wrong_code', 'rate_limited', 'invalid'] as const)('shows the inbox error %s next to the code field', (inboxError) => {
    const page = formPage({ ...common(), inboxError });
    expect(elementById(page, 'inbox-receipt')).toContain('aria-invalid="true"');
    expect(elementById(page, 'inbox-receipt-error')).toContain(`>${escapeHtml(STRINGS.es.inboxErrors[inboxError])}</p>`);
  });

  it('offers the inbox with a code field, and the history guidance', () => {
    const page = formPage(common());
    expect(page).toContain('¿Ya enviaste un mensaje? Escribe tu código');
    expect(page).toMatch(/<input type="hidden" name="action" value="inbox">[\s\S]*name="receipt" inputmode="numeric"/);
    expect(page).toContain('<details class="privacy">');
    expect(page).toContain('Borrar datos de navegación');
  });

  it('carries the receipt and inbox markup as inert templates for form.js', () => {
    const page = formPage(common());
    expect(page).toMatch(/<template id="tpl-receipt">[\s\S]*data-slot="receipt"[\s\S]*<\/template>/);
    expect(page).toMatch(/<template id="tpl-inbox">[\s\S]*data-slot="entries"[\s\S]*<\/template>/);
  });
});

describe('the receipt page', () => {
  it.each(FORM_LANGS)('in %s, shows the code once, in groups of four, with the warning and a way back', (lang) => {
    const s = STRINGS[lang];
    const page = receiptPage({ ...common(lang), receipt: RECEIPT, followUp: true });
    const groups = ['1234', '5678', '9012', '3456'].map((group) => `<span class="group">${group}</span>`).join('');
    expect(page).toContain(`<p class="code" data-slot="receipt">${groups}</p>`);
    expect(page.split('3456').length - 1).toBe(1);
    expect(page).toContain(escapeHtml(s.receiptWriteDown));
    const backToStart = `<button type="submit" class="secondary">${escapeHtml(s.backToStart)}</button>`;
    expect(page).toMatch(new RegExp(`<input type="hidden" name="action" value="lang"><input type="hidden" name="lang" value="${lang}">\\s*${backToStart}`));
  });

  it('in Portuguese, says what was received and how to come back', () => {
    const page = receiptPage({ ...common('pt'), receipt: RECEIPT, followUp: true });
    expect(page).toContain('>Recebemos sua mensagem</h1>');
    expect(page).toContain('Anote num papel.');
    expect(page).toContain('<button type="submit" class="secondary">Voltar ao início</button>');
  });

  it('without follow-up, shows no code and says we will not write', () => {
    const page = receiptPage({ ...common(), receipt: '', followUp: false });
    expect(page).not.toContain('class="code"');
    expect(page).toContain(escapeHtml(STRINGS.es.receiptNoFollowUp));
  });
});

describe('the inbox page', () => {
  it('shows the thread, who wrote, in order, and a reply form carrying the code', () => {
    const page = inboxPage({
      ...common(),
      receipt: RECEIPT,
      entries: [
        { kind: 'in', at: '2025-03-01T14:05:00.000Z', text: 'mi hija no regresa' },
        { kind: 'out', at: '2025-03-01T15:00:00.000Z', text: '¿Dónde la vieron por última vez?' },
      ],
    });
    expect(page.indexOf('mi hija no regresa')).toBeLessThan(page.indexOf('¿Dónde la vieron'));
    expect(page).toMatch(
      /<li class="entry in"><p class="meta"><span class="who">Tú<\/span> · <time datetime="2025-03-01T14:05:00.000Z">[^<]*09:05[^<]*<\/time>/,
    );
    expect(page).toContain('<li class="entry out"><p class="meta"><span class="who">Equipo</span>');
    expect(page).toContain(
      `<input type="hidden" name="receipt" value="${RECEIPT}" data-slot="receipt">` +
        '<input type="hidden" name="lang" value="es"><input type="hidden" name="action" value="reply">',
    );
    expect(page).toMatch(/<p class="empty" data-slot="empty" hidden>/);
  });

  it('in Portuguese, names who wrote, dates the messages in Brazilian style and sends the answer as pt', () => {
    const page = inboxPage({
      ...common('pt'),
      receipt: RECEIPT,
      entries: [
        { kind: 'in', at: '2025-03-01T14:05:00.000Z', text: 'minha filha não voltou' },
        { kind: 'out', at: '2025-03-01T15:00:00.000Z', text: 'Onde ela foi vista?' },
      ],
    });
    expect(page).toMatch(/<span class="who">Você<\/span> · <time datetime="2025-03-01T14:05:00.000Z">1 de mar\.?,? 09:05<\/time>/);
    expect(page).toContain('<span class="who">Equipe</span>');
    // form.js dates the entries it adds with the same locale.
    expect(page).toContain('<ol class="thread" data-slot="entries" data-in="Você" data-out="Equipe" data-locale="pt-BR">');
    expect(page).toContain('>Suas mensagens</h1>');
    expect(page).toContain(`<input type="hidden" name="receipt" value="${RECEIPT}" data-slot="receipt"><input type="hidden" name="lang" value="pt">`);
    const empty = inboxPage({ ...common('pt'), receipt: RECEIPT, entries: [] });
    expect(empty).toContain('Ainda não há resposta. Volte mais tarde.');
  });

  it('keeps a reply that failed, next to its error, and says when one was sent', () => {
    const failed = inboxPage({ ...common('en'), receipt: RECEIPT, entries: [], replyValue: 'x'.repeat(2001), replyError: 'too_long' });
    expect(elementById(failed, 'reply-text')).toContain('aria-invalid="true"');
    expect(failed).toContain(`>${'x'.repeat(2001)}</textarea>`);
    expect(elementById(failed, 'reply-text-error')).toContain(`>${escapeHtml(STRINGS.en.errors.reply.too_long)}</p>`);
    expect(elementById(failed, 'reply-sent')).toMatch(/ hidden>/);

    const sent = inboxPage({ ...common('en'), receipt: RECEIPT, entries: [], sent: true });
    expect(elementById(sent, 'reply-sent')).toContain(`role="status">${STRINGS.en.replySent}</p>`);
    expect(sent).toContain(STRINGS.en.inboxEmpty);
  });
});

describe('the strings', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix];

  // Where a language's words come from is its own: only the Quechua has to cite sources.
  const shown = (lang: FormLang): string[] => keys(STRINGS[lang]).filter((k) => !k.startsWith('_sources.'));

  it.each(FORM_LANGS.filter((lang) => lang !== 'es'))('%s has every key Spanish has, none empty', (lang) => {
    expect(shown(lang).sort()).toEqual(keys(STRINGS.es).sort());
    const valueAt = (key: string) => key.split('.').reduce<unknown>((o, part) => (part ? (o as Record<string, unknown>)[part] : o), STRINGS[lang]);
    expect(keys(STRINGS[lang]).filter((k) => /^\s*$/.test(String(valueAt(k))))).toEqual([]);
  });

  it('asks for a Quechua speaker to review the Quechua, and a Portuguese speaker the Portuguese', () => {
    expect(STRINGS.qu._why).toMatch(/review/i);
    expect(STRINGS.pt._why).toMatch(/review/i);
  });

  it('cites a source for each Quechua word of the wait time and the history advice, and says no speaker has reviewed them', () => {
    const sources = (STRINGS.qu as { _sources?: Record<string, string> })._sources ?? {};
    expect(sources._review).toMatch(/no quechua speaker has reviewed/i);
    const cited = Object.keys(sources).join(' ').toLowerCase();
    const added = [STRINGS.qu.retryIn.one, STRINGS.qu.retryIn.other, STRINGS.qu.privacySteps[0]!, STRINGS.qu.privacySteps[1]!].join(' ');
    // The roots of the words these strings brought in; the rest were in the file before.
    for (const root of ['waqaych', 'kay', 'chay', 'suyay', "ñit'i", 'minutu', 'navegador', 'historial']) {
      expect(added.toLowerCase(), root).toContain(root);
      expect(cited, root).toContain(root);
    }
    for (const [word, source] of Object.entries(sources)) if (word !== '_review') expect(source, word).toMatch(/\[(AMLQ|CP)\]|Wiktionary|R\.M\.|Spanish/);
  });

  it('offers every language the line answers in', () => {
    expect([...FORM_LANGS]).toEqual(['es', 'en', 'qu', 'pt']);
  });
});

describe('one-time tokens', () => {
  const formById = (page: string, id: string): string => page.match(new RegExp(`<form[^>]*id="${id}"[\\s\\S]*?</form>`))![0];

  it.each(FORM_LANGS)('in %s, the tip form and the inbox form each carry their own token; the reply form carries its own', (lang) => {
    const start = formPage(common(lang));
    expect(formById(start, 'tip-form')).toContain(`<input type="hidden" name="token" value="${TOKENS.tip}">`);
    expect(formById(start, 'inbox-form')).toContain(`<input type="hidden" name="token" value="${TOKENS.inbox}">`);
    const inbox = inboxPage({ ...common(lang), receipt: RECEIPT, entries: [] });
    expect(formById(inbox, 'reply-form')).toContain(`<input type="hidden" name="token" value="${REPLY_TOKEN}">`);
  });

  it('leaves them out of the back-to-start form and of the templates form.js fills (their posts go to the JSON routes)', () => {
    const receipt = receiptPage({ ...common(), receipt: RECEIPT, followUp: true });
    expect(receipt).not.toContain('name="token"');
    const templates = formPage(common()).match(/<template[\s\S]*<\/template>/)![0];
    expect(templates).not.toContain('name="token"');
  });
});

describe('the wait after too many attempts', () => {
  it.each([
    ['es', 12, 'Demasiados intentos. Intenta de nuevo en 12 minutos.'],
    ['es', 1, 'Demasiados intentos. Intenta de nuevo en 1 minuto.'],
    ['en', 12, 'Too many tries. Try again in 12 minutes.'],
    ['en', 1, 'Too many tries. Try again in 1 minute.'],
    ['pt', 12, 'Muitas tentativas. Tente de novo em 12 minutos.'],
    ['pt', 1, 'Muitas tentativas. Tente de novo em 1 minuto.'],
    ['qu', 12, 'Ancha achka kutitam. 12 minututa suyay, chaymanta kaqmanta apachiy.'],
  ] as const)('in %s, %i minutes reads "%s"', (lang, minutes, text) => {
    expect(retryText(STRINGS[lang], minutes)).toBe(text);
  });

  it.each(FORM_LANGS)('in %s, is shown next to the code field, the code kept', (lang) => {
    const page = formPage({ ...common(lang), inboxError: 'rate_limited', retryAfterMinutes: 7, receiptValue: RECEIPT });
    expect(elementById(page, 'inbox-receipt-error')).toContain(`>${escapeHtml(retryText(STRINGS[lang], 7))}</p>`);
    expect(elementById(page, 'inbox-receipt')).toContain(`value="${RECEIPT}"`);
    // form.js says the same words from these.
    expect(elementById(page, 'inbox-receipt-error')).toContain(`data-retry_other="${escapeHtml(STRINGS[lang].retryIn.other)}"`);
  });
});

describe('the history advice', () => {
  const advice = (lang: FormLang): string => STRINGS[lang].privacySteps.join(' ');

  it.each([
    ['es', /historial/, /ventana privada o de incógnito/, /borra el historial/],
    ['en', /history/, /private or incognito window/, /delete the history/],
    ['pt', /histórico/, /janela anônima/, /apague o histórico/],
    ['qu', /historial/, /ventana privada utaq incógnito/i, /historialta pichay/],
  ] as const)('in %s, says the browser keeps the site in its history, and how not to leave it there', (lang, keeps, privateWindow, deleteIt) => {
    expect(STRINGS[lang].privacySteps[0]).toMatch(keeps);
    expect(advice(lang)).toMatch(privateWindow);
    expect(advice(lang)).toMatch(deleteIt);
    // Short: four steps, none a paragraph.
    expect(STRINGS[lang].privacySteps).toHaveLength(4);
    for (const step of STRINGS[lang].privacySteps) expect(step.length).toBeLessThan(110);
  });

  it.each(FORM_LANGS)('in %s, is on the form, the receipt and the inbox', (lang) => {
    const first = escapeHtml(STRINGS[lang].privacySteps[0]!);
    expect(formPage(common(lang))).toContain(first);
    expect(receiptPage({ ...common(lang), receipt: RECEIPT, followUp: true })).toContain(first);
    expect(inboxPage({ ...common(lang), receipt: RECEIPT, entries: [] })).toContain(first);
  });
});

describe('the static files', () => {
  const js = readFileSync('web/form/form.js', 'utf8');
  const css = readFileSync('web/form/form.css', 'utf8');

  it('keep the script small and the style smaller', () => {
    // 10 KB until the inbox's refusal said how long to wait (issue 15).
    expect(Buffer.byteLength(js)).toBeLessThan(10_500);
    expect(Buffer.byteLength(css)).toBeLessThan(8_000);
  });

  it('never store anything, never build markup from strings, never leave the origin', () => {
    expect(js).not.toMatch(/localStorage|sessionStorage|document\.cookie|indexedDB|serviceWorker/);
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(js).not.toMatch(/https?:\/\//);
    expect(css).not.toMatch(/url\(|@import|https?:\/\//);
  });

  it('use nothing newer than ES2018 (no ?. or ??), in plain var-and-function style, so old phones run it as written', () => {
    expect(js).not.toMatch(/\?\.[a-zA-Z_$([]|\?\?|\blet\b|\bconst\b|=>|\bclass\b|`/);
  });
});
