// A closed tip as a line of the labelled corpus (test/corpus/README.md), for the team to
// label from: what the tipster wrote (as stored: redacted at intake), the operator's level and
// the scorer's. Pure. Only fields that are redacted or never free text in storage go out: the
// tipster's messages, never an operator's note or reply (those are not redacted), nor the
// override's reason.
import { scorerVerdict } from './agreement';
import type { Channel, IndicatorId, Lang, Level } from './tip';
import type { StoredMessage, TipRecord } from './tip-record';
import { isInbound } from './tip-record';
import { threadText } from './triage/triage-tip';

export interface CorpusLine {
  id: string;
  channel: Channel;
  lang: Lang;
  /** The tipster's messages, oldest first, joined with "\n": the text the scorer read. */
  text: string;
  /** The operator's level: their override when they changed it, else the tip's final level. */
  level: Level;
  /** Indicators the scorer found asserted now (past mentions are left out, as in the corpus). */
  indicators: IndicatorId[];
  /** The scorer's level for the whole thread. */
  scoredLevel: Level;
  /** To be filled in by whoever labels the line. */
  pii: [];
  keep: [];
}

export function toCorpusLine(tip: TipRecord, messages: readonly StoredMessage[]): CorpusLine {
  const inbound = messages.filter((m) => m.tipId === tip.tipId && isInbound(m)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  return {
    id: tip.tipId,
    channel: tip.channel,
    lang: tip.lang,
    text: threadText(inbound),
    level: tip.levelOverride?.level ?? tip.level,
    indicators: [...new Set(tip.indicators.filter((finding) => finding.tense !== 'past').map((finding) => finding.id))],
    scoredLevel: scorerVerdict(tip).scoredLevel,
    pii: [],
    keep: [],
  };
}
