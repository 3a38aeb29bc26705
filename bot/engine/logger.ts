import { pino, type DestinationStream } from 'pino';

/**
 * Structured logs: one JSON line per event (pino). Secrets handed to `createLogger` are replaced
 * wherever they appear in a line, and fields whose names look secret are masked, so a careless
 * `log.info('x', { headers })` still cannot leak a token.
 */
type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. the conversation id) to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  /**
   * Values that must never be written, whatever field they hide in. Read at every line, so a
   * `Set` the caller adds to later (a refreshed token) is covered from then on.
   */
  readonly secrets: Iterable<string>;
  /** Where lines go (one JSON line per call, without the newline); stdout when absent. */
  readonly write?: (line: string) => void;
}

const secretKey = /token|secret|authorization|password/i;
const REDACTED = '[redacted]';

/** Masks secret-looking keys and turns errors into plain objects, at any depth. */
function clean(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      ...('code' in value ? { code: (value as { code: unknown }).code } : {}),
      ...(value.cause ? { cause: clean(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value))
      out[key] = secretKey.test(key) && typeof inner === 'string' ? REDACTED : clean(inner, depth + 1);
    return out;
  }
  return value;
}

function wrap(base: pino.Logger): Logger {
  return {
    debug: (msg, fields) => base.debug(fields ?? {}, msg),
    info: (msg, fields) => base.info(fields ?? {}, msg),
    warn: (msg, fields) => base.warn(fields ?? {}, msg),
    error: (msg, fields) => base.error(fields ?? {}, msg),
    child: (fields) => wrap(base.child(clean(fields) as Record<string, unknown>)),
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = (line: string) => {
    let out = line;
    for (const secret of options.secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
    return out;
  };
  const destination: DestinationStream = options.write
    ? { write: (line: string) => options.write!(line.trimEnd()) }
    : pino.destination({ dest: 1, sync: true });
  const base = pino(
    {
      level: options.level,
      base: undefined,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => clean(object) as Record<string, unknown>,
      },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
  return wrap(base);
}

/** A logger that writes nothing, for code paths that need one but whose output nobody reads. */
export const silentLogger: Logger = createLogger({ level: 'error', secrets: [], write: () => {} });
