// The two migration folders and the drizzle-kit config that writes each (docs/decisions/033).
export const DIALECTS = [
  { config: 'drizzle.config.ts', folder: 'drizzle' },
  { config: 'drizzle-pg.config.ts', folder: 'drizzle-pg' },
];
