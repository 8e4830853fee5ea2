export * from './conversation.ts';
export * from './steps.ts';
export * from './turn-prompt.ts';
export * from './turns.ts';
