import type { PortalCopy } from './en.ts';

/**
 * A refusal a participant reads, as data: which sentence of `copy.refusals` and what goes in it. A rule
 * returns it on its `DomainError` without knowing the participant's language; the portal words it in
 * theirs (portal/refusals.ts), and staff read the English (`participantMessage`).
 */
type RefusalWords = PortalCopy['refusals'];
export type RefusalKey = keyof RefusalWords;

/** The refusals that say it all without a value. */
export type PlainRefusalKey = { [K in RefusalKey]: Parameters<RefusalWords[K]> extends [] ? K : never }[RefusalKey];

export type ParticipantRefusal = {
  [K in RefusalKey]: { readonly key: K; readonly args: Parameters<RefusalWords[K]> };
}[RefusalKey];

/** `refusal('coolDown', stageName, endsAt)`: the arguments are checked against the sentence's own. */
export const refusal = <K extends RefusalKey>(key: K, ...args: Parameters<RefusalWords[K]>): ParticipantRefusal =>
  ({ key, args }) as ParticipantRefusal;

/** The refusal in `copy`'s words. */
export function refusalWords(said: ParticipantRefusal, copy: PortalCopy): string {
  const words = copy.refusals[said.key] as (...args: readonly unknown[]) => string;
  return words(...said.args);
}
