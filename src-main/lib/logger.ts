export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

const SECRET_KEY = /token|secret|password|authorization|api[-_]?key/i;
// Processor customer, card and payment-method tokens (Stripe `pm_…` goes out on 2021-11) and
// API-key shapes.
const SECRET_VALUE = /\b(cus_|tok_|pm_|card_|src_|sk_|pk_|rk_)[A-Za-z0-9]+/g;

/** Replaces anything that looks like a secret, so a log line can never carry one. */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') {
    let out = value.replace(SECRET_VALUE, (_m, prefix: string) => `${prefix}[redacted]`);
    for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  }
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, secrets, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(v, secrets, depth + 1);
    }
    return out;
  }
  return value;
}

export function createLogger(
  sink: LogSink,
  options: { secrets?: () => readonly string[]; now?: () => Date } = {},
): Logger {
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    const secrets = options.secrets?.() ?? [];
    const entry = {
      t: now().toISOString(),
      level,
      message: redact(message, secrets),
      ...(data ? { data: redact(data, secrets) } : {}),
    };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger that scrubs the given secrets (API tokens known to the vault) before writing. */
export function withSecrets(logger: Logger, secrets: () => readonly string[]): Logger {
  const scrub = (write: Logger['info']) => (message: string, data?: Record<string, unknown>) =>
    write(
      redact(message, secrets()) as string,
      data === undefined ? undefined : (redact(data, secrets()) as Record<string, unknown>),
    );
  return {
    debug: scrub(logger.debug),
    info: scrub(logger.info),
    warn: scrub(logger.warn),
    error: scrub(logger.error),
  };
}
