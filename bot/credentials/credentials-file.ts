import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RefreshedPair } from '../../webex/token-provider.ts';
import type { Sealer } from './sealed-secrets.ts';

/**
 * The newest refresh token of the partner integration, in a file of its own beside the bot's data
 * (mode 0600: it is a credential). `origin` names the refresh token of the config the chain of
 * refreshes started from (a hash, never the token), so a token stored after refreshes wins over
 * the config's at the next start, and a new token put in the config wins over the stored chain.
 * The token is sealed (`sealer`): a copy of the file without the key gives nobody the integration;
 * a file written before sealing existed is read as it is and sealed at the next save.
 */
const storedSchema = z.object({
  version: z.literal(1),
  client: z.string(),
  origin: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.number().optional(),
  savedAt: z.string(),
});
type Stored = z.infer<typeof storedSchema>;

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

export interface CredentialsFile {
  /** The refresh token to start with, or undefined when neither the config nor the file has one. */
  readonly refreshToken: string | undefined;
  /** Whether it came from the file (a later one than the config's) rather than from the config. */
  readonly fromFile: boolean;
  /** Names the config's refresh token the chain started from (a hash): replicas sharing tokens compare it. */
  readonly origin: string;
  save(pair: RefreshedPair): Promise<void>;
}

/** Reads the file (if any) and decides which refresh token is the newest. */
export async function openCredentialsFile(
  path: string,
  integration: { readonly clientId: string; readonly configRefreshToken?: string },
  sealer: Sealer,
): Promise<CredentialsFile> {
  const client = hash('client', integration.clientId);
  await resealCredentialsFile(path, sealer);
  const stored = await read(path);
  const fromConfig = integration.configRefreshToken;
  const sameClient = stored?.client === client;
  // A chain that started from the config's token is newer than it; without a config token, the file's is all there is.
  const useStored =
    stored !== undefined &&
    sameClient &&
    (fromConfig === undefined || stored.origin === hash('origin', integration.clientId, fromConfig));
  const origin = useStored ? stored.origin : hash('origin', integration.clientId, fromConfig ?? '');
  return {
    refreshToken: useStored ? sealer.unseal(stored.refreshToken, path) : fromConfig,
    fromFile: useStored,
    origin,
    save: (pair) =>
      write(path, {
        version: 1,
        client,
        origin,
        refreshToken: sealer.seal(pair.refreshToken),
        ...(pair.refreshTokenExpiresAt !== undefined ? { refreshTokenExpiresAt: pair.refreshTokenExpiresAt } : {}),
        savedAt: new Date().toISOString(),
      }),
  };
}

/**
 * Seals the stored token under the sealing key when it is in the clear (a file of before sealing)
 * or under an older key; whether the file changed. At every open, and by `npm run rotate-secrets-key`.
 */
export async function resealCredentialsFile(path: string, sealer: Sealer): Promise<boolean> {
  const stored = await read(path);
  if (!stored || sealer.sealedNow(stored.refreshToken)) return false;
  await write(path, { ...stored, refreshToken: sealer.seal(sealer.unseal(stored.refreshToken, path)) });
  return true;
}

async function read(path: string): Promise<Stored | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = storedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a partner credentials file; move it away and start again`);
  return parsed.data;
}

/** Written to a new file (0600), flushed, then renamed over the old one: a crash leaves the old or the new, whole. */
async function write(path: string, stored: Stored): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(stored)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
