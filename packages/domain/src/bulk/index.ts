export { type BulkItemDecision, bulkCommand, decideBulkItem, refusedItem } from './decide.ts';
export * from './entities.ts';
export * from './input.ts';
export {
  decideSendLinkItem,
  type LinkRecipient,
  type SendLinkContext,
  type SendLinkDecision,
  type SendLinkFacts,
  sendLinkRefusal,
} from './send-link.ts';
export { describeEffects } from './words.ts';
