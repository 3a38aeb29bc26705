import { randomBytes } from 'node:crypto';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';
import { StoreError } from '../../store/store.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import { sandboxPartnerHub } from '../kit/partner-hub.ts';
import { ConfigError } from '../engine/config-error.ts';
import { loadConfig, type PartnerConfig } from './config.ts';
import { openCredentialsFile } from '../credentials/credentials-file.ts';
import type { PartnerAuth } from '../credentials/partner-credentials.ts';
import { openSealer, resealSharedTokens, type Sealer } from '../credentials/sealed-secrets.ts';
import { loadApprovalPolicy } from '../approvals/approval-policy.ts';
import { createLogger } from '../engine/logger.ts';
import { startBot, type RunningBot } from './start-bot.ts';
import { botOptions } from './bot-options.ts';
import { sandboxApprovalPolicy } from './sandbox-approval-policy.ts';

/**
 * The partner credentials of the config, with the newest refresh token (the file's, when it
 * continues the config's). Every secret goes into `secrets` first, so the logger redacts it.
 */
async function partnerAuth(
  partner: PartnerConfig,
  secrets: Set<string>,
  sealer: Sealer | undefined,
): Promise<PartnerAuth> {
  if (partner.kind === 'token') {
    secrets.add(partner.token);
    return { token: partner.token };
  }
  // The config refuses an integration without a key; this only narrows the type.
  if (!sealer) throw new ConfigError(['SECRETS_KEY is missing; set it to the output of `openssl rand -base64 32`.']);
  secrets.add(partner.clientSecret);
  if (partner.refreshToken !== undefined) secrets.add(partner.refreshToken);
  const file = await openCredentialsFile(
    partner.credentialsFile,
    {
      clientId: partner.clientId,
      ...(partner.refreshToken !== undefined ? { configRefreshToken: partner.refreshToken } : {}),
    },
    sealer,
  );
  if (file.refreshToken === undefined)
    throw new ConfigError([
      `PARTNER_REFRESH_TOKEN is missing and ${partner.credentialsFile} holds none; set it to the refresh token a partner full administrator got by authorising the integration.`,
    ]);
  secrets.add(file.refreshToken);
  return {
    integration: {
      clientId: partner.clientId,
      clientSecret: partner.clientSecret,
      refreshToken: file.refreshToken,
      save: (pair) => file.save(pair),
      origin: file.origin,
      // `npm run authorize` may write a new refresh token while the bot runs: read when the credentials are gone.
      reload: async () => {
        const newest = await openCredentialsFile(
          partner.credentialsFile,
          {
            clientId: partner.clientId,
            ...(partner.refreshToken !== undefined ? { configRefreshToken: partner.refreshToken } : {}),
          },
          sealer,
        );
        return newest.refreshToken === undefined
          ? undefined
          : { refreshToken: newest.refreshToken, origin: newest.origin };
      },
      onSecret: (value) => secrets.add(value),
      sealer,
    },
  };
}

/**
 * `npm start`. Without WEBEX_BOT_TOKEN it starts the local sandbox and the bot against it; with
 * it, the bot alone against Webex.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const approvalPolicy = await loadApprovalPolicy(config.approvalPolicyFile);
  const store = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl)
    : await openLowdbStore(config.dataFile);
  const sealing = config.secretsKey ? await openSealer(config.secretsKey) : undefined;
  const closers: (() => Promise<void>)[] = [];
  let bot: RunningBot;

  if (config.mode === 'sandbox') {
    const { startSandbox } = await import('../../sandbox/start-sandbox.ts');
    const { seedRoles } = await import('../../sandbox/seed.ts');
    const sandbox = await startSandbox({ port: config.sandboxPort, host: '127.0.0.1', subscriberProvisioningMs: 2000 });
    closers.push(() => sandbox.close());
    // No policy file: a built-in one, so the README's walk meets an approval card.
    const builtInApprovals = config.approvalPolicyFile === undefined && config.sandboxApprovals;
    const secret = randomBytes(20).toString('hex');
    const botToken = sandbox.state.bot.token;
    const log = createLogger({
      level: config.logLevel,
      secrets: [
        secret,
        botToken,
        sandbox.state.personByKey('alice').token,
        ...(config.databaseUrl ? [config.databaseUrl] : []),
        ...(sealing?.keys ?? []),
      ],
    });
    bot = await startBot(
      botOptions(
        config,
        {
          webexApiUrl: sandbox.apiUrl,
          botToken,
          webhookSecret: secret,
          devicesUrl: sandbox.devicesUrl,
          wholesale: { apiUrl: sandbox.apiUrl, token: sandbox.state.personByKey('alice').token },
          partnerHub: sandboxPartnerHub(sandbox.url),
          knownRoles: seedRoles(),
          alertRoomId: sandbox.state.roomByKey('provisioning').id,
        },
        {
          store,
          log,
          approvalPolicy: builtInApprovals
            ? sandboxApprovalPolicy({
                approvers: seedRoles().approvers,
                space: sandbox.state.roomByKey('approvers').id,
                escalateTo: sandbox.state.roomByKey('provisioning').id,
              })
            : approvalPolicy,
        },
      ),
    );
    process.stderr.write(
      [
        '',
        `Sandbox mode: a local Webex emulator runs at ${sandbox.url} and the bot at ${bot.url}.`,
        `Open ${sandbox.url}/ in a browser to chat with the bot as one of the seeded people and click its cards.`,
        'Or talk to it from another terminal, as the seeded partner admin Alice:',
        '  npm run say -- "help"                          (direct space with the bot)',
        '  npm run say -- --room provisioning "help"      (group space; the @mention is added for you)',
        '  npm run say -- --who                           (the seeded people and spaces)',
        `Each command prints the bot's reply. The whole timeline of a space: ${sandbox.url}/_sandbox/rooms/direct-alice/messages`,
        ...(builtInApprovals
          ? [
              'Create and offboard customer need two approvals by Bea, Chen or Dana in the Approvers space (SANDBOX_APPROVALS=off: none):',
              '  npm run say -- --as bea --room approvers --click approve',
            ]
          : []),
        '',
      ].join('\n'),
    );
  } else {
    // A set the token provider adds every new token to: the logger reads it at each line.
    const secrets = new Set([
      config.botToken,
      ...(config.webhookSecret ? [config.webhookSecret] : []),
      ...(config.databaseUrl ? [config.databaseUrl] : []),
      ...(sealing?.keys ?? []),
    ]);
    const log = createLogger({ level: config.logLevel, secrets });
    const partner = await partnerAuth(config.partner, secrets, sealing?.sealer);
    // Rows of before sealing are sealed now; a replica whose key does not open them refuses to start.
    if (config.partner.kind === 'integration' && sealing) await resealSharedTokens(store, sealing.sealer);
    bot = await startBot(
      botOptions(
        config,
        {
          webexApiUrl: config.webexApiUrl,
          botToken: config.botToken,
          // Over the websocket no webhook is expected: a random secret refuses any that still arrives.
          webhookSecret: config.webhookSecret ?? randomBytes(20).toString('hex'),
          ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
          devicesUrl: config.devicesUrl,
          wholesale: { apiUrl: config.wholesaleApiUrl, ...partner },
        },
        { store, log, approvalPolicy },
      ),
    );
  }

  const stop = async () => {
    await bot.close();
    await store.close();
    for (const close of closers) await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoreError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof WebexApiError) {
    process.stderr.write(
      `The bot cannot start: ${error.message}${error.details.trackingId ? ` (trackingId ${error.details.trackingId})` : ''}.\n`,
    );
  } else {
    process.stderr.write(`The bot cannot start: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
