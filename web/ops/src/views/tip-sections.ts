// The read-only parts of a tip: header, why it scored what it did, thread, indicators, places.
import type { Me, ThreadEntry, TipDetail, TipLang } from '../api-types';
import { h } from '../dom';
import { highlighted } from '../highlight';
import { lang, t, tOr } from '../i18n';
import { ruleSentence } from '../rule-sentence';
import { age, clock } from '../time';
import { langTag, levelBadge, statusBadge } from './badges';

export function header(tip: TipDetail, me: Me | null): HTMLElement {
  const holder = tip.claimedBy
    ? tip.claimedBy.id === me?.id
      ? t('action.claimedByYou')
      : t('action.claimedByOther', { name: tip.claimedBy.name })
    : t('queue.unclaimed');
  return h(
    'header',
    { class: 'tip-header' },
    h('h2', { id: 'tip-title', tabindex: '-1' }, t('tip.title', { id: tip.tipId })),
    h(
      'p',
      { class: 'tip-badges' },
      levelBadge(tip.level),
      statusBadge(tip.status),
      tip.outcome && h('span', { class: 'outcome' }, tOr(`outcome.${tip.outcome}`, tip.outcome)),
      langTag(tip.lang, 'long'),
    ),
    h(
      'p',
      { class: 'tip-meta' },
      t('tip.received', { age: age(tip.createdAt), channel: t(`channel.${tip.channel}`) }),
      ' · ',
      tip.region ?? t('queue.noRegion'),
      ' · ',
      h('span', { class: 'holder', 'data-holder': tip.claimedBy?.id ?? '' }, holder),
    ),
    ...languageNotes(tip),
  );
}

/** What the tip's languages ask of the operator (an interpreter for Quechua); the notes are i18n data. */
function languageNotes(tip: TipDetail): HTMLElement[] {
  const langs = new Set<TipLang>([tip.lang]);
  for (const entry of tip.thread) if (entry.kind === 'in' && entry.lang) langs.add(entry.lang);
  return [...langs].flatMap((lang) => {
    const note = tOr(`tip.langNote.${lang}`, '');
    return note ? [h('p', { class: 'lang-note', 'data-lang': lang }, note)] : [];
  });
}

/** Intake removed characters that can make a text look other than it is: the operator is told. */
function hiddenMark(entry: ThreadEntry): HTMLElement | false {
  if (!entry.hidden) return false;
  return h(
    'details',
    { class: 'hidden-chars', 'data-hidden': entry.hidden },
    h('summary', { title: t('tip.hiddenHint') }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('tip.hidden', { count: entry.hidden })),
    h('p', {}, t('tip.hiddenHint')),
  );
}

/** A dictionary lookup that says when a key is missing (tOr cannot tell a missing key from its fallback). */
const MISSING = '\u0000';
const words = (key: string): string | undefined => {
  const word = tOr(key, MISSING);
  return word === MISSING ? undefined : word;
};

export function why(tip: TipDetail): HTMLElement {
  const o = tip.levelOverride;
  const sentence = ruleSentence(tip.rule, words, lang());
  return h(
    'section',
    { class: 'why', 'aria-labelledby': 'why-title' },
    h('h3', { id: 'why-title' }, t('tip.why')),
    // The scorer's own words stay on the element for whoever debugs the scorer; the operator reads a sentence.
    h('p', { class: 'rule', 'data-rule': tip.rule, 'data-read': String(sentence.read) }, sentence.text),
    h('p', { class: 'score' }, t('tip.score', { score: tip.score })),
    o &&
      h('p', { class: 'override' }, t('tip.overridden', { from: t(`level.${o.scoredLevel}`), to: t(`level.${o.level}`), name: o.by.name, reason: o.reason })),
  );
}

/** What the thread needs of a tip: a responder's view of it has as much. */
type ThreadOf = Pick<TipDetail, 'thread' | 'lang' | 'evidence'> & Partial<Pick<TipDetail, 'channel'>>;

function entryLabel(entry: ThreadEntry, tip: ThreadOf): string {
  const name = entry.author?.name ?? '?';
  switch (entry.kind) {
    case 'in':
      return entry.channel ? `${t('tip.fromTipster')} · ${t(`channel.${entry.channel}`)}` : t('tip.fromTipster');
    case 'out':
      // A reply goes back the way the tip came in (web tips: the receipt inbox).
      return t('tip.replyBy', { name, channel: tOr(`channel.${entry.channel ?? tip.channel}`, '') });
    case 'note':
      return t('tip.noteBy', { name });
    case 'responder':
      return t('tip.responderNoteBy', { name });
    default: {
      const never: never = entry.kind;
      return String(never);
    }
  }
}

/** Who wrote it and when; a message in another language than the tip's says which. */
function entryHead(entry: ThreadEntry, tip: ThreadOf): HTMLElement {
  const otherLang = entry.lang && entry.lang !== tip.lang ? entry.lang : null;
  return h(
    'p',
    { class: 'entry-head' },
    h('span', {}, entryLabel(entry, tip), otherLang && ' ', otherLang && langTag(otherLang, 'short')),
    ' ',
    h('time', { datetime: entry.at }, clock(entry.at)),
  );
}

export function thread(tip: ThreadOf): HTMLElement {
  return h(
    'section',
    { class: 'thread', 'aria-labelledby': 'thread-title' },
    h('h3', { id: 'thread-title' }, t('tip.thread')),
    h(
      'ol',
      {},
      ...tip.thread.map((entry) =>
        h(
          'li',
          { class: `entry entry-${entry.kind}`, 'data-entry-id': entry.id },
          entryHead(entry, tip),
          hiddenMark(entry),
          h('p', { class: 'entry-text' }, entry.kind === 'in' && entry.offset !== undefined ? highlighted(entry.text, entry.offset, tip.evidence) : entry.text),
        ),
      ),
    ),
  );
}

export function indicators(tip: Pick<TipDetail, 'evidence' | 'indicators'>): HTMLElement {
  const withEvidence = new Set(tip.evidence.map((e) => e.id));
  const items = [
    ...tip.evidence.map((e) =>
      h(
        'li',
        { 'data-indicator': e.id },
        h('strong', {}, tOr(`indicator.${e.id}`, e.id)),
        ' ',
        h('q', {}, e.evidence),
        e.tense === 'past' && h('span', { class: 'tag-past', title: t('tip.pastHint') }, t('tip.past')),
      ),
    ),
    ...tip.indicators.filter((id) => !withEvidence.has(id)).map((id) => h('li', { 'data-indicator': id }, h('strong', {}, tOr(`indicator.${id}`, id)))),
  ];
  return h(
    'section',
    { class: 'indicator-list', 'aria-labelledby': 'indicators-title' },
    h('h3', { id: 'indicators-title' }, t('tip.indicators')),
    items.length > 0 ? h('ul', {}, ...items) : h('p', {}, t('tip.noIndicators')),
  );
}

export function places(tip: Pick<TipDetail, 'places'>): HTMLElement {
  return h(
    'section',
    { class: 'places', 'aria-labelledby': 'places-title' },
    h('h3', { id: 'places-title' }, t('tip.places')),
    tip.places.length > 0
      ? h('ul', {}, ...tip.places.map((p) => h('li', {}, h('strong', {}, p.place), ` (${p.region}) — `, h('q', {}, p.text))))
      : h('p', {}, t('tip.noPlaces')),
  );
}

/**
 * What the operator must see before anything else on the tip: that nobody answered the page
 * (someone has to phone now), and that this tip repeats another one, with the way to it.
 */
export function caseFlags(tip: Pick<TipDetail, 'nobodyConfirmed' | 'duplicateOf'>): HTMLElement | null {
  const dup = tip.duplicateOf;
  if (!tip.nobodyConfirmed && !dup) return null;
  return h(
    'div',
    { class: 'case-flags' },
    tip.nobodyConfirmed &&
      h(
        'p',
        { class: 'nobody-confirmed' },
        h('span', { 'aria-hidden': 'true' }, '⚠ '),
        h('strong', {}, t('case.nobodyConfirmed')),
        ' ',
        h('span', {}, t('case.nobodyConfirmedHint')),
      ),
    dup &&
      h(
        'p',
        { class: 'duplicate-of', 'data-duplicate-of': dup.tipId },
        h('a', { href: `#/tips/${dup.tipId}` }, t('case.duplicateOf', { id: dup.tipId })),
        ` (${t(`case.match.${dup.match}`)})`,
      ),
  );
}
