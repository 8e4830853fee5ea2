export * from './invitation-mail.ts';
export * from './outbox.ts';
export * from './portal-link-mail.ts';
export * from './render.ts';
export * from './review-digest-mail.ts';
export * from './webhook-disabled-mail.ts';
