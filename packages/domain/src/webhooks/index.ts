export * from './addresses.ts';
export * from './deliveries.ts';
export * from './endpoints.ts';
export * from './event-types.ts';
export * from './from-events.ts';
export * from './retries.ts';
