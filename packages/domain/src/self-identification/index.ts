export * from './access.ts';
export * from './categories.ts';
export * from './record.ts';
