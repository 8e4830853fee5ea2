/**
 * `@stageflow/domain/testing`: data that tests in more than one package check the rules against. Not
 * used by the product.
 */
export { COMPLETION_TABLE, type CompletionRow, completionRowKey } from './progression/completion-table.ts';
