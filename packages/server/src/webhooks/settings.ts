/**
 * The operator's webhook settings (README, Settings; docs/webhooks.md#operating-it), from the
 * environment. A value that does not parse is reported and its default used: never fatal.
 */
export interface WebhookSettings {
  /** `WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1`: send to private, loopback and link-local addresses too. */
  readonly allowPrivateNetworks: boolean;
  /** `WEBHOOKS_RETENTION_DAYS` (30): how long finished deliveries stay in the log. */
  readonly retentionDays: number;
  /** `WEBHOOKS_TIMEOUT_MS` (15 s): how long an endpoint has to answer. */
  readonly timeoutMs: number;
  /** `WEBHOOKS_POLL_MS` (1 s): how often the worker looks for due deliveries written by other processes. */
  readonly pollMs: number;
  /** `WEBHOOKS_LEASE_MS` (the timeout + 30 s): how long a process holds a delivery it is sending. */
  readonly leaseMs: number;
  /** `WEBHOOKS_WORKER=0` turns this process's delivery off (another process delivers). */
  readonly worker: boolean;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowPrivateNetworks: false,
  retentionDays: 30,
  timeoutMs: 15_000,
  pollMs: 1_000,
  leaseMs: 45_000,
  worker: true,
};

/** The lease must outlast a send, or another process could take a delivery still being sent. */
const LEASE_MARGIN_MS = 1_000;

export function webhookSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): {
  readonly settings: WebhookSettings;
  readonly problems: readonly string[];
} {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name}=${raw} is not a whole number from ${min} to ${max}: using ${fallback}.`);
    return fallback;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (raw === '1' || raw === '0') return raw === '1';
    problems.push(`${name}=${raw} is not 1 or 0: using ${fallback ? 1 : 0}.`);
    return fallback;
  };
  const timeoutMs = whole('WEBHOOKS_TIMEOUT_MS', DEFAULT_WEBHOOK_SETTINGS.timeoutMs, 100, 60_000);
  const defaultLease = timeoutMs + 30_000;
  let leaseMs = whole('WEBHOOKS_LEASE_MS', defaultLease, 1_000, 3_600_000);
  if (leaseMs < timeoutMs + LEASE_MARGIN_MS) {
    problems.push(
      `WEBHOOKS_LEASE_MS=${leaseMs} must outlast WEBHOOKS_TIMEOUT_MS=${timeoutMs} by a second: using ${defaultLease}.`,
    );
    leaseMs = defaultLease;
  }
  return {
    settings: {
      allowPrivateNetworks: flag('WEBHOOKS_ALLOW_PRIVATE_NETWORKS', false),
      retentionDays: whole('WEBHOOKS_RETENTION_DAYS', DEFAULT_WEBHOOK_SETTINGS.retentionDays, 1, 3650),
      timeoutMs,
      pollMs: whole('WEBHOOKS_POLL_MS', DEFAULT_WEBHOOK_SETTINGS.pollMs, 10, 600_000),
      leaseMs,
      worker: flag('WEBHOOKS_WORKER', true),
    },
    problems,
  };
}
