/**
 * Structured logs: one JSON line per event on stdout. Secrets handed to `createLogger` are
 * replaced wherever they appear in a line, and fields whose names look secret are masked, so a
 * careless `log.info({ headers })` still cannot leak a token.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. the conversation id) to every line. */
  child(fields: LogFields): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const secretKey = /token|secret|authorization|password/i;
const REDACTED = '[redacted]';

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Values that must never be written, whatever field they hide in. */
  readonly secrets: readonly string[];
  readonly write?: (line: string) => void;
  readonly clock?: () => Date;
}

function plain(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...(value.cause ? { cause: plain(value.cause) } : {}) };
  }
  return value;
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? (() => new Date());
  const secrets = options.secrets.filter((s) => s.length >= 4);
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (order[level] < order[options.level]) return;
    const record = { time: clock().toISOString(), level, msg, ...bound, ...fields };
    let line = JSON.stringify(record, (key, value: unknown) => (key !== '' && secretKey.test(key) && typeof value === 'string' ? REDACTED : plain(value)));
    for (const secret of secrets) line = line.split(secret).join(REDACTED);
    write(line);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** A logger that writes nothing, for code paths that need one but whose output nobody reads. */
export const silentLogger: Logger = createLogger({ level: 'error', secrets: [], write: () => {} });
