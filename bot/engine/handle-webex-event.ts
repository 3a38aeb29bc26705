import { randomBytes } from 'node:crypto';
import { cardDataSchema } from '../../cards/kit/card-data.ts';
import { runCommandDataSchema } from '../../cards/kit/run-command-data.ts';
import { approvalCardDataSchema } from '../../cards/approval/approval-card-data.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import type { AccessPolicy, Decision } from './access-policy.ts';
import type { Translate } from '../../i18n/catalogue.ts';
import { languageOf, type Language, type SpaceLanguages } from './languages.ts';
import type { ConversationEngine } from './conversation-engine.ts';
import type { MessagingClient } from '../../webex/messaging-client.ts';
import type { Person } from '../../webex/messaging-schemas.ts';
import type { Messenger } from './messenger.ts';
import type { CommandRegistry, Reply } from './command-registry.ts';
import type { Logger } from './logger.ts';
import { stripMention } from './strip-mention.ts';
import type { WebhookEvent } from './webhook-event.ts';

export interface SeamDeps {
  readonly webex: MessagingClient;
  readonly messenger: Messenger;
  /** The bot's own person, from GET /people/me at start-up. */
  readonly bot: Person;
  readonly commands: CommandRegistry;
  /** Each space's language: replies are written in it. */
  readonly languages: Pick<SpaceLanguages, 'of' | 'read'>;
  readonly engine: ConversationEngine;
  readonly approvals: ApprovalService;
  readonly access: AccessPolicy;
  /** A person's email by id (card actions carry only the id); cached by the caller. */
  readonly emailOf: (personId: string) => Promise<string | undefined>;
  readonly log: Logger;
  /** Told of every event whose handling failed (metrics). */
  readonly onFailure?: () => void;
  /**
   * The event is handled again after a restart because a crash cut its handling off. A click on a
   * card that is no longer current was then most likely handled before the crash: it is not answered.
   */
  readonly replayed?: boolean;
}

/** The polite refusal for a decision, naming whom to ask. */
function refusal(t: Translate, access: AccessPolicy, decision: Decision, email: string | undefined): string {
  if (decision.allowed) return '';
  const params = {
    email: email ?? '?',
    contact: access.roles.contact,
    domains: (access.roles.allowedDomains ?? []).join(', '),
  };
  return t(
    decision.reason === 'domain' ? 'access.domain' : decision.reason === 'outsider' ? 'access.outsider' : 'access.role',
    params,
  );
}

/**
 * The single seam every inbound Webex event passes, whatever carried it. It fetches what the
 * envelope only names, drops what is not for the bot, and routes the rest. Failures end here:
 * logged once with the event, and the person told that nothing changed.
 */
export async function handleWebexEvent(event: WebhookEvent, deps: SeamDeps): Promise<void> {
  const log = deps.log.child({
    resource: event.resource,
    event: event.event,
    eventId: event.data.id,
    roomId: event.data.roomId,
  });
  let roomId = event.data.roomId;
  try {
    if (event.resource === 'messages' && event.event === 'created') {
      await onMessage(event, deps, log, (id) => (roomId = id));
    } else if (event.resource === 'attachmentActions' && event.event === 'created') {
      await onCardAction(event, deps, log);
    } else if (event.resource === 'memberships' && event.data.personId === deps.bot.id && event.data.roomId) {
      await onMembership(event.event, event.data.roomId, event.actorId, deps, log);
    } else {
      log.debug('event ignored: not one the bot acts on');
    }
  } catch (error) {
    const reference = randomBytes(4).toString('hex');
    log.error('event handling failed', { reference, error });
    deps.onFailure?.();
    if (roomId) {
      await deps.messenger
        .post(roomId, ({ t }) => ({ markdown: t('reply.internalError', { reference }) }))
        .catch((replyError: unknown) =>
          log.error('could not tell the space about the failure', { reference, error: replyError }),
        );
    }
  }
}

function replier(deps: SeamDeps, roomId: string, parentId?: string) {
  return async (reply: Reply) => {
    await deps.messenger.post(roomId, { ...reply, ...(parentId ? { parentId } : {}) });
  };
}

async function onMessage(
  event: WebhookEvent,
  deps: SeamDeps,
  log: Logger,
  sawRoom: (roomId: string) => void,
): Promise<void> {
  if (event.data.personId === deps.bot.id) {
    log.debug('event ignored: the bot’s own message');
    return;
  }
  const message = await deps.webex.getMessage(event.data.id);
  sawRoom(message.roomId);
  if (message.personId === deps.bot.id) {
    log.debug('event ignored: the bot’s own message');
    return;
  }
  const roomType = message.roomType ?? (event.data.roomType === 'group' ? 'group' : 'direct');
  if (roomType === 'group' && !(message.mentionedPeople ?? []).includes(deps.bot.id)) {
    log.debug('event ignored: group message without a mention of the bot');
    return;
  }
  const text = stripMention({ ...message, roomType }, deps.bot);
  const reply = replier(deps, message.roomId);
  // Read once: the unknown-command hint and the command itself are written in it.
  const space = await deps.languages.read(message.roomId);
  const { t } = space.language;
  if (text === '') {
    await reply({ markdown: t('reply.emptyCommand') });
    return;
  }
  const parsed = deps.commands.parse(text);
  if (!parsed) {
    log.info('unknown command');
    await reply({ markdown: t('reply.unknownCommand', { text: text.length > 80 ? `${text.slice(0, 80)}…` : text }) });
    return;
  }
  await runCommand(deps, log, parsed, {
    roomId: message.roomId,
    roomType,
    personId: message.personId,
    personEmail: message.personEmail,
    files: message.files ?? [],
    reply,
    space,
  });
}

async function runCommand(
  deps: SeamDeps,
  log: Logger,
  parsed: NonNullable<ReturnType<SeamDeps['commands']['parse']>>,
  who: {
    roomId: string;
    roomType: 'direct' | 'group';
    personId: string;
    personEmail: string | undefined;
    files?: readonly string[];
    reply: (reply: Reply) => Promise<void>;
    space: { readonly language: Language; readonly chosen: boolean };
  },
): Promise<void> {
  // German words (`hilfe`) answer in German, unless the space chose its language.
  const { t, locale } = parsed.language && !who.space.chosen ? languageOf(parsed.language) : who.space.language;
  const decision = deps.access.check(who.personEmail, parsed.command.needs);
  if (!decision.allowed) {
    log.info('command refused', {
      command: parsed.command.words.join(' '),
      personId: who.personId,
      reason: decision.reason,
    });
    await who.reply({ markdown: refusal(t, deps.access, decision, who.personEmail) });
    return;
  }
  const scope = deps.commands.missingScope(parsed.command);
  if (scope !== undefined) {
    log.info('command off: a scope of the partner credentials is missing', {
      command: parsed.command.words.join(' '),
      scope,
    });
    await who.reply({ markdown: t('reply.scopeMissing', { command: parsed.command.words.join(' '), scope }) });
    return;
  }
  log.info('command', { command: parsed.command.words.join(' '), personId: who.personId });
  await parsed.command.run({
    args: parsed.args,
    roomId: who.roomId,
    roomType: who.roomType,
    personId: who.personId,
    personEmail: who.personEmail,
    files: who.files ?? [],
    t,
    locale,
    botName: deps.bot.displayName,
    reply: who.reply,
  });
}

async function onCardAction(event: WebhookEvent, deps: SeamDeps, log: Logger): Promise<void> {
  const action = await deps.webex.getAttachmentAction(event.data.id);
  const email = await deps.emailOf(action.personId);
  const run = runCommandDataSchema.safeParse(action.inputs);
  if (run.success) {
    const parsed = deps.commands.parse(run.data.command);
    if (parsed) {
      const room = await deps.webex.getRoom(action.roomId);
      await runCommand(deps, log, parsed, {
        roomId: action.roomId,
        roomType: room.type,
        personId: action.personId,
        personEmail: email,
        reply: replier(deps, action.roomId),
        space: await deps.languages.read(action.roomId),
      });
      return;
    }
  }
  /** An answer in the clicked card's thread, in the space's language. */
  const answerInThread = (write: (language: Language) => string) =>
    deps.messenger.post(action.roomId, (language) => ({ markdown: write(language), parentId: action.messageId }));
  const vote = approvalCardDataSchema.safeParse(action.inputs);
  if (vote.success) {
    // The policy names who may vote; only the domain rule applies before it.
    const decision = deps.access.check(email, 'approve');
    if (!decision.allowed && decision.reason === 'domain') {
      await answerInThread(({ t }) => refusal(t, deps.access, decision, email));
      return;
    }
    const comment = typeof action.inputs.comment === 'string' ? action.inputs.comment : undefined;
    await deps.approvals.vote(
      vote.data.approvalId,
      { personId: action.personId, email },
      vote.data.vote,
      comment,
      { roomId: action.roomId, messageId: action.messageId },
      { replayed: deps.replayed === true },
    );
    return;
  }
  const data = cardDataSchema.safeParse(action.inputs);
  if (!data.success) {
    log.info('card action without the bot’s card data', { personId: action.personId });
    await answerInThread(({ t }) => t('reply.cardInactive'));
    return;
  }
  const decision = deps.access.check(email, 'start');
  if (!decision.allowed) {
    log.info('card click refused', { personId: action.personId, reason: decision.reason });
    await answerInThread(({ t }) => refusal(t, deps.access, decision, email));
    return;
  }
  await deps.engine.click(action, data.data, { quietIfStale: deps.replayed === true });
}

/**
 * The bot itself joined a space (a welcome and the help card, in the space's language) or was
 * removed from one (what it ran there ends, recorded in the audit log).
 */
async function onMembership(
  what: string,
  roomId: string,
  actorId: string | undefined,
  deps: SeamDeps,
  log: Logger,
): Promise<void> {
  if (what === 'deleted') {
    const ended = await deps.engine.closeSpace(roomId, actorId);
    log.info('bot removed from a space', { conversationsCancelled: ended });
    return;
  }
  if (what !== 'created') return;
  log.info('bot added to a space');
  const help = deps.commands.parse('help');
  const space = await deps.languages.read(roomId);
  const { t, locale } = space.language;
  const reply = replier(deps, roomId);
  await reply({ markdown: t('reply.welcome', { name: deps.bot.displayName }) });
  if (!help) return;
  const room = await deps.webex.getRoom(roomId);
  await help.command.run({
    args: help.args,
    roomId,
    roomType: room.type,
    personId: deps.bot.id,
    personEmail: undefined,
    files: [],
    t,
    locale,
    botName: deps.bot.displayName,
    reply,
  });
}
