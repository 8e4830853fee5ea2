import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; LOG_LEVEL=silent in tests keeps the output readable. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'stageflow-api' } });
}
