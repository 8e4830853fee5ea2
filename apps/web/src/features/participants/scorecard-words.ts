import { plural } from '../../lib/format.ts';

/**
 * Who scored a scorecard and what its evidence says, in plain words (docs/rules.md#scoring-with-evidence).
 * Read defensively: the timeline hands over scorecards as stored in events, older ones without these fields.
 */

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * "Scored by the interviewer (model llama3.1:8b at localhost:11434, prompt interviewer-v2)", or
 * "Scored by Dana Demo"; null when the scorecard does not say (recorded before it was kept).
 */
export function scoredByText(scoredBy: unknown, personName: (actor: string) => string): string | null {
  const s = obj(scoredBy);
  if (s.kind === 'model') {
    const model = str(s.model) ?? 'a model';
    const host = str(s.provider_host);
    const prompt = str(s.prompt_version);
    return `Scored by the interviewer (model ${model}${host ? ` at ${host}` : ''}${prompt ? `, prompt ${prompt}` : ''})`;
  }
  if (s.kind === 'reviewer') {
    const user = str(s.user);
    return user ? `Scored by ${personName(user)}` : 'Scored by a reviewer';
  }
  return null;
}

interface EvidenceFacts {
  /** Quotes the interviewer gave that the participant never said, over all dimensions. */
  readonly dropped: number;
  /** Dimensions left without a quote the participant said. */
  readonly unverified: readonly string[];
}

export function evidenceFacts(scorecard: unknown): EvidenceFacts {
  const dimensions = Array.isArray(obj(scorecard).dimension_scores)
    ? (obj(scorecard).dimension_scores as unknown[])
    : [];
  let dropped = 0;
  const unverified: string[] = [];
  for (const d of dimensions.map(obj)) {
    if (typeof d.evidence_dropped === 'number') dropped += d.evidence_dropped;
    if (Array.isArray(d.evidence) && d.evidence.length === 0) unverified.push(str(d.name) ?? 'a dimension');
  }
  return { dropped, unverified };
}

/** "1 quote the participant never said was dropped", or null when none was. */
export const droppedText = (dropped: number) =>
  dropped === 0
    ? null
    : `${plural(dropped, 'quote')} the participant never said ${dropped === 1 ? 'was' : 'were'} dropped`;
