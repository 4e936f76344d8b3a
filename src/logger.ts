/**
 * Structured JSON logs: one line per record, context object first, short message second.
 * slack/app.ts adapts it to @slack/logger's interface so Bolt and the WebClient log through it.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string) => void;

export function createLogger(options: {
  level?: LogLevel;
  name?: string;
  bindings?: Record<string, unknown>;
  sink?: LogSink;
}): Logger {
  let level: LogLevel = options.level ?? 'info';
  let name = options.name ?? 'punchcard';
  const bindings = options.bindings ?? {};
  const sink: LogSink = options.sink ?? ((line) => process.stdout.write(`${line}\n`));

  const write = (at: LogLevel, args: unknown[]) => {
    if (ORDER[at] < ORDER[level]) return;
    const [first, ...rest] = args;
    const context =
      first !== null && typeof first === 'object' && !(first instanceof Error) ? first : undefined;
    const parts = context ? rest : args;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level: at, name, ...bindings };
    if (context) Object.assign(record, serialize(context as Record<string, unknown>));
    record.msg = parts
      .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
      .join(' ');
    const error = parts.find((p): p is Error => p instanceof Error);
    if (error && !record.err) record.err = serializeError(error);
    sink(JSON.stringify(record));
  };

  return {
    debug: (...msg) => write('debug', msg),
    info: (...msg) => write('info', msg),
    warn: (...msg) => write('warn', msg),
    error: (...msg) => write('error', msg),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
    child: (more) => createLogger({ level, name, bindings: { ...bindings, ...more }, sink }),
  };
}

function serialize(context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context))
    out[key] = value instanceof Error ? serializeError(value) : value;
  return out;
}

/** The stack's frames only: its first line repeats the message, which may be withheld. */
function frames(error: Error): string | undefined {
  return error.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

function serializeError(error: Error): Record<string, unknown> {
  const coded = error as Error & {
    code?: unknown;
    cause?: unknown;
    query?: unknown;
    params?: unknown;
    severity?: unknown;
  };
  // Only errors are followed down the cause chain: an arbitrary object may hold anything.
  const cause =
    coded.cause instanceof Error
      ? serializeError(coded.cause)
      : typeof coded.cause === 'object'
        ? undefined
        : coded.cause;
  // A database error (pg, PGlite) can quote a value in its message or detail, and PGlite's also
  // carries the statement and its parameters; its code, routine and table are enough to find the cause.
  if (typeof coded.severity === 'string' && typeof coded.code === 'string') {
    const db = coded as typeof coded & Record<string, unknown>;
    return {
      message: 'database error (message not logged)',
      code: db.code,
      severity: db.severity,
      routine: db.routine,
      table: db.table,
      column: db.column,
      constraint: db.constraint,
      stack: frames(error),
    };
  }
  // A failed query (Drizzle) repeats the statement and every parameter in its message: people's
  // notes, answers and names. Neither goes to the log; the database error under it says what failed.
  if (typeof coded.query === 'string' || Array.isArray(coded.params)) {
    return {
      message: 'database query failed (statement and parameters not logged)',
      stack: frames(error),
      cause,
    };
  }
  return { message: error.message, code: coded.code, stack: error.stack, cause };
}
