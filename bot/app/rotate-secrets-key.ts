import { openPostgresStore } from '../../store/postgres-store.ts';
import { StoreError } from '../../store/store.ts';
import { ConfigError } from '../engine/config-error.ts';
import { resealCredentialsFile } from '../credentials/credentials-file.ts';
import { openSealer, resealSharedTokens } from '../credentials/sealed-secrets.ts';
import { loadConfig } from './config.ts';

/**
 * `npm run rotate-secrets-key`, with the bot's environment and SECRETS_KEY set to `new,old`: seals
 * the credentials file and every `partner_tokens` row anew under the new key, so the old one can be
 * retired. Safe while the bot runs (the rows are resealed under the refreshes' lock).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.secretsKey)
    throw new ConfigError([
      'SECRETS_KEY is missing; set it to the new key, a comma, and the old one (the new one from `openssl rand -base64 32`).',
    ]);
  const { sealer } = await openSealer(config.secretsKey);
  const done: string[] = [];
  if (config.mode === 'real' && config.partner.kind === 'integration') {
    const file = config.partner.credentialsFile;
    done.push(`${file}: ${(await resealCredentialsFile(file, sealer)) ? 'sealed anew' : 'nothing to change'}`);
  }
  if (config.databaseUrl) {
    const store = await openPostgresStore(config.databaseUrl);
    try {
      done.push(`partner_tokens: ${await resealSharedTokens(store, sealer)} row(s) sealed anew`);
    } finally {
      await store.close();
    }
  }
  process.stdout.write(
    [
      `Everything kept is sealed under secrets key ${sealer.keyId}:`,
      ...done.map((line) => `  ${line}`),
      'Once every replica runs with the new key first, remove the old one from SECRETS_KEY (or SECRETS_KEY_FILE).',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof StoreError
      ? error.message
      : `The key was not rotated: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
