export * from './data-block.ts';
export * from './evidence.ts';
export * from './model-settings.ts';
export * from './plan.ts';
export * from './prompt.ts';
export * from './scorecard-output.ts';
export * from './subject.ts';
