import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SharedTokenRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

/**
 * Tokens at rest, sealed with AES-256-GCM. A sealed value names the key it was sealed under
 * (`sealed:v1:<key id>:<iv>:<ciphertext>:<tag>`), so a new key can be put first while the old one
 * still opens what it sealed, until `npm run rotate-secrets-key` has sealed everything anew.
 */
const PREFIX = 'sealed:v1:';
const MAKE_ONE = 'make one with `openssl rand -base64 32`';

/** One key: the base64 of 32 random bytes. */
const secretsKeySchema = z
  .string()
  .trim()
  .refine((text) => /^[A-Za-z0-9+/]+={0,2}$/.test(text) && Buffer.from(text, 'base64').length === 32, {
    error: `not the base64 of 32 bytes; ${MAKE_ONE}`,
  });

/** Keys, newest first, separated by commas or new lines: the first seals, all of them open. */
export const secretsKeysSchema = z
  .string()
  .transform((text) =>
    text
      .split(/[,\n]/)
      .map((key) => key.trim())
      .filter(Boolean),
  )
  .pipe(z.array(secretsKeySchema).min(1, `empty; ${MAKE_ONE}`));

/** A value cannot be opened with the keys given: the wrong key, or a key retired too early. */
export class SecretsKeyError extends Error {
  readonly code = 'secrets_key_wrong';
  constructor(message: string) {
    super(message);
    this.name = 'SecretsKeyError';
  }
}

export interface Sealer {
  /** Names the key that seals (a hash of it: safe to log and show). */
  readonly keyId: string;
  seal(plain: string): string;
  /** A value written before sealing existed (in the clear) is returned as it is, and sealed at its next save. */
  unseal(value: string, where: string): string;
  /** Whether the value is sealed under the sealing key already (rotation skips it). */
  sealedNow(value: string): boolean;
}

const idOf = (key: Buffer) => createHash('sha256').update('secrets-key-id\n').update(key).digest('hex').slice(0, 12);

/** A sealer over `keys` (base64, newest first). */
export function createSealer(keys: readonly string[]): Sealer {
  const ring = keys.map((text) => {
    const bytes = Buffer.from(secretsKeySchema.parse(text), 'base64');
    return { id: idOf(bytes), bytes };
  });
  const current = ring[0];
  if (!current) throw new SecretsKeyError(`no secrets key; ${MAKE_ONE}`);
  return {
    keyId: current.id,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
      // The key id is authenticated too: a value cannot be passed off as another key's.
      cipher.setAAD(Buffer.from(current.id));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${current.id}:${[iv, data, cipher.getAuthTag()].map((b) => b.toString('base64url')).join(':')}`;
    },
    unseal(value, where) {
      if (!value.startsWith(PREFIX)) return value;
      const [id, iv, data, tag] = value.slice(PREFIX.length).split(':');
      const key = ring.find((k) => k.id === id);
      if (!key || iv === undefined || data === undefined || tag === undefined)
        throw new SecretsKeyError(
          `${where} is sealed under secrets key ${id ?? '?'}, and SECRETS_KEY holds ${ring.map((k) => k.id).join(', ')}: set SECRETS_KEY (or SECRETS_KEY_FILE) to the key it was sealed with (every replica needs the same key); when changing keys put the new one first and keep the old one after it until \`npm run rotate-secrets-key\` has run`,
        );
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(key.id));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretsKeyError(
          `${where} was changed after it was sealed (it does not open under secrets key ${key.id}); authorise the integration again`,
        );
      }
    },
    sealedNow: (value) => value.startsWith(`${PREFIX}${current.id}:`),
  };
}

/**
 * The keys in `path`, one a line, newest first; with `create`, a file with one new key (mode 0600)
 * when there is none yet (sandbox mode: sealed from the first run, nothing to set).
 */
async function readSecretsKeyFile(path: string, options: { readonly create: boolean }): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) throw error;
    await mkdir(dirname(path), { recursive: true });
    text = `${randomBytes(32).toString('base64')}\n`;
    const file = await open(path, 'wx', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
  }
  const parsed = secretsKeysSchema.safeParse(text);
  if (!parsed.success)
    throw new SecretsKeyError(`${path} holds no secrets key (one a line, the base64 of 32 bytes); ${MAKE_ONE}`);
  return parsed.data;
}

type Tokens = Pick<SharedTokenRecord, 'refreshToken' | 'accessToken'>;

/** The record with its tokens sealed; everything else (times, origin) stays readable. */
export function sealTokens<T extends Tokens>(record: T, sealer: Sealer): T {
  return { ...record, refreshToken: sealer.seal(record.refreshToken), accessToken: sealer.seal(record.accessToken) };
}

export function unsealTokens<T extends Tokens>(record: T, sealer: Sealer, where: string): T {
  return {
    ...record,
    refreshToken: sealer.unseal(record.refreshToken, where),
    accessToken: sealer.unseal(record.accessToken, where),
  };
}

type SharedStore = Pick<Store, 'sharedTokens' | 'exclusive'>;

/**
 * Seals every shared token record under the sealing key (under the refreshes' lock); how many
 * changed. At start it also proves the key opens them: a replica with another key refuses to start.
 * @throws SecretsKeyError naming the row and the key ids.
 */
export async function resealSharedTokens(store: SharedStore, sealer: Sealer): Promise<number> {
  const tokens = store.sharedTokens;
  if (!tokens) return 0;
  return store.exclusive('partner-tokens', async () => {
    let changed = 0;
    for (const key of await tokens.keys()) {
      const record = await tokens.load(key);
      if (!record || (sealer.sealedNow(record.refreshToken) && sealer.sealedNow(record.accessToken))) continue;
      await tokens.save(key, sealTokens(unsealTokens(record, sealer, `the partner_tokens row ${key}`), sealer));
      changed++;
    }
    return changed;
  });
}

/** The sealer of the config's keys (read from their file, made there first in sandbox mode), and the keys for the logger's secrets. */
export async function openSealer(
  source: { readonly keys: readonly string[] } | { readonly file: string; readonly create: boolean },
): Promise<{ readonly sealer: Sealer; readonly keys: readonly string[] }> {
  const keys = 'keys' in source ? source.keys : await readSecretsKeyFile(source.file, { create: source.create });
  return { sealer: createSealer(keys), keys };
}
