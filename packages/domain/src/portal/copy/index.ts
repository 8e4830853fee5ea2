// The participant portal's words, one catalogue (docs/surfaces.md#portal-language): en.ts is the source;
// pick a language with `portalCopy(template.language)`.
export { type DateWords, dateWords } from './dates.ts';
export type { PortalCopy } from './en.ts';
export { PORTAL_LANGUAGES, portalCopy, portalCopyForBrowser } from './pick.ts';
export {
  type ParticipantRefusal,
  type PlainRefusalKey,
  type RefusalKey,
  refusal,
  refusalWords,
} from './refusal.ts';
