/** What the clients log through: the bot's logger fits it, and so does any structured logger. */
export interface ApiLog {
  debug(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const quietApiLog: ApiLog = { debug: () => {}, warn: () => {} };
