/** A setting the bot cannot start with; `problems` names each bad key and how to fix it. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
