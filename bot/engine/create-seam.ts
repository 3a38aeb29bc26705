import { randomBytes } from 'node:crypto';
import { cardDataSchema } from '../../cards/kit/card-data.ts';
import { runCommandDataSchema } from '../../cards/kit/run-command-data.ts';
import type { AccessPolicy, Decision } from './access-policy.ts';
import type { Translate } from '../../i18n/catalogue.ts';
import { languageOf, type SpaceLanguages } from './languages.ts';
import type { ConversationEngine } from './conversation-engine.ts';
import type { MessagingClient } from '../../webex/messaging-client.ts';
import type { Person } from '../../webex/messaging-schemas.ts';
import type { Messenger } from './messenger.ts';
import type { CommandRegistry, ParsedCommand } from './command-registry.ts';
import type { Logger } from './logger.ts';
import { stripMention } from './strip-mention.ts';
import type { WebhookEvent } from './webhook-event.ts';
import { eventContext, type EventContext } from './event-context.ts';
import { CardActions } from './card-actions.ts';

export interface SeamDeps {
  readonly webex: MessagingClient;
  readonly messenger: Messenger;
  /** The bot's own person, from GET /people/me at start-up. */
  readonly bot: Person;
  readonly commands: CommandRegistry;
  /** The card actions features registered (votes); a button that runs a command and a procedure's buttons are the seam's own. */
  readonly actions: CardActions;
  /** Each space's language: replies are written in it. */
  readonly languages: Pick<SpaceLanguages, 'read'>;
  readonly engine: ConversationEngine;
  readonly access: AccessPolicy;
  /** A person's email by id (card actions carry only the id); cached by the caller. */
  readonly emailOf: (personId: string) => Promise<string | undefined>;
  readonly log: Logger;
  /** Told of every event whose handling failed (metrics). */
  readonly onFailure?: () => void;
}

/**
 * Handles one event to its end; `replayed`: handled again after a restart because a crash cut its
 * handling off (a click on a card that is no longer current was then most likely handled before: it is not answered).
 */
export type Seam = (event: WebhookEvent, replayed: boolean) => Promise<void>;

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
 * The single seam every inbound Webex event passes, whatever carried it, wired once. It fetches
 * what the envelope only names, drops what is not for the bot, builds the event's context and
 * routes it to a command or a card action. Failures end here: logged once with the event, and the
 * person told that nothing changed.
 */
export function createSeam(deps: SeamDeps): Seam {
  // Tried before the features' actions: a button that runs a command, as the person who clicks it.
  const first = new CardActions().register({
    name: 'run command',
    schema: runCommandDataSchema.refine((data) => deps.commands.parse(data.command) !== undefined),
    // The command's own permission is checked when it runs.
    needs: 'anyone',
    handle: async (ctx, data) => {
      const parsed = deps.commands.parse(data.command);
      if (parsed) await runCommand(deps, ctx, parsed, { roomType: await ctx.room.type(), files: [] });
    },
  });
  // Tried last: a procedure's buttons, which every card of a conversation carries.
  const last = new CardActions().register({
    name: 'procedure click',
    schema: cardDataSchema,
    needs: 'start',
    handle: (ctx, data) => deps.engine.click(ctx.action, data, { quietIfStale: ctx.replayed }),
  });
  const actions = {
    match: (inputs: unknown) => first.match(inputs) ?? deps.actions.match(inputs) ?? last.match(inputs),
  };

  return async (event, replayed) => {
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
        await onCardAction(event, deps, actions, log, replayed);
      } else if (event.resource === 'memberships' && event.data.personId === deps.bot.id && event.data.roomId) {
        await onMembership(event, event.data.roomId, deps, log);
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
  // Read once: the unknown-command hint and the command itself are written in it.
  const space = await deps.languages.read(message.roomId);
  const ctx = eventContext({
    log,
    space,
    person: { id: message.personId, email: message.personEmail },
    roomId: message.roomId,
    roomType: () => Promise.resolve(roomType),
    messenger: deps.messenger,
  });
  if (text === '') {
    await ctx.reply({ markdown: ctx.t('reply.emptyCommand') });
    return;
  }
  const parsed = deps.commands.parse(text);
  if (!parsed) {
    log.info('unknown command');
    await ctx.reply({
      markdown: ctx.t('reply.unknownCommand', { text: text.length > 80 ? `${text.slice(0, 80)}…` : text }),
    });
    return;
  }
  await runCommand(deps, ctx, parsed, { roomType, files: message.files ?? [] });
}

/** Checks who may run the command and whether its scopes are there, then runs it with the event's context. */
async function runCommand(
  deps: SeamDeps,
  ctx: EventContext,
  parsed: ParsedCommand,
  message: {
    readonly roomType: 'direct' | 'group';
    readonly files: readonly string[];
  },
): Promise<void> {
  const { log, person } = ctx;
  const command = parsed.command.words.join(' ');
  // German words (`hilfe`) answer in German, unless the space chose its language.
  const { t, locale } = parsed.language && !ctx.languageChosen ? languageOf(parsed.language) : ctx;
  const decision = deps.access.check(person.email, parsed.command.needs);
  if (!decision.allowed) {
    log.info('command refused', { command, personId: person.id, reason: decision.reason });
    await ctx.reply({ markdown: refusal(t, deps.access, decision, person.email) });
    return;
  }
  const scope = deps.commands.missingScope(parsed.command);
  if (scope !== undefined) {
    log.info('command off: a scope of the partner credentials is missing', { command, scope });
    await ctx.reply({ markdown: t('reply.scopeMissing', { command, scope }) });
    return;
  }
  log.info('command', { command, personId: person.id });
  await parsed.command.run({
    ...ctx,
    t,
    locale,
    args: parsed.args,
    roomId: ctx.room.id,
    roomType: message.roomType,
    personId: person.id,
    personEmail: person.email,
    files: message.files,
    botName: deps.bot.displayName,
  });
}

async function onCardAction(
  event: WebhookEvent,
  deps: SeamDeps,
  actions: Pick<CardActions, 'match'>,
  log: Logger,
  replayed: boolean,
): Promise<void> {
  const action = await deps.webex.getAttachmentAction(event.data.id);
  const email = await deps.emailOf(action.personId);
  const space = await deps.languages.read(action.roomId);
  const ctx = {
    ...eventContext({
      log,
      space,
      person: { id: action.personId, email },
      roomId: action.roomId,
      roomType: async () => (await deps.webex.getRoom(action.roomId)).type,
      messenger: deps.messenger,
      threadOf: action.messageId,
    }),
    action,
    replayed,
  };
  const matched = actions.match(action.inputs);
  if (!matched) {
    log.info('card action without the bot’s card data', { personId: action.personId });
    await ctx.replyInThread({ markdown: ctx.t('reply.cardInactive') });
    return;
  }
  const decision = deps.access.check(email, matched.needs);
  if (!decision.allowed) {
    log.info('card click refused', { action: matched.name, personId: action.personId, reason: decision.reason });
    await ctx.replyInThread({ markdown: refusal(ctx.t, deps.access, decision, email) });
    return;
  }
  await matched.run(ctx);
}

/**
 * The bot itself joined a space (a welcome and the help card, in the space's language) or was
 * removed from one (what it ran there ends, recorded in the audit log). A 1:1 space is made by
 * the person's first message, which comes with the bot's membership and is answered on its own:
 * there the welcome alone, so that a first `help` does not bring the help card twice; none in a
 * 1:1 space the bot made itself by writing to someone.
 */
async function onMembership(event: WebhookEvent, roomId: string, deps: SeamDeps, log: Logger): Promise<void> {
  const { event: what, actorId } = event;
  if (what === 'deleted') {
    const ended = await deps.engine.closeSpace(roomId, actorId);
    log.info('bot removed from a space', { conversationsCancelled: ended });
    return;
  }
  if (what !== 'created') return;
  log.info('bot added to a space');
  const help = deps.commands.parse('help');
  const space = await deps.languages.read(roomId);
  const ctx = eventContext({
    log,
    space,
    person: { id: deps.bot.id, email: undefined },
    roomId,
    roomType: async () => (await deps.webex.getRoom(roomId)).type,
    messenger: deps.messenger,
  });
  const roomType =
    event.data.roomType === 'direct' || event.data.roomType === 'group' ? event.data.roomType : await ctx.room.type();
  if (roomType === 'direct') {
    if (actorId === deps.bot.id) return;
    await ctx.reply({ markdown: ctx.t('reply.welcomeDirect', { name: deps.bot.displayName }) });
    return;
  }
  await ctx.reply({ markdown: ctx.t('reply.welcome', { name: deps.bot.displayName }) });
  if (!help) return;
  await help.command.run({
    ...ctx,
    args: help.args,
    roomId,
    roomType,
    personId: deps.bot.id,
    personEmail: undefined,
    files: [],
    botName: deps.bot.displayName,
  });
}
