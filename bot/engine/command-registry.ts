import type { Locale, MessageId, Translate } from '../../i18n/catalogue.ts';
import type { EventContext } from './event-context.ts';
import type { Permission } from './access-policy.ts';
import type { Actor } from '../../store/records.ts';

/**
 * What a command handler gets: the event's context (its `t` and `locale` those of the answer, German
 * for a German command word), and the message's fields as commands read them.
 */
export interface CommandContext extends EventContext {
  readonly args: string;
  readonly roomId: string;
  readonly roomType: 'direct' | 'group';
  readonly personId: string;
  readonly personEmail: string | undefined;
  /** The URLs of files attached to the message (a CSV for `add users`). */
  readonly files: readonly string[];
  readonly botName: string;
}

/** Who ran the command, as procedures and the audit log record people. */
export function actorOf(ctx: Pick<CommandContext, 'personId' | 'personEmail'>): Actor {
  return { personId: ctx.personId, email: ctx.personEmail ?? '' };
}

export interface Command {
  /** The words that start the command, lower case, e.g. ['create', 'customer']. */
  readonly words: readonly string[];
  readonly aliases?: readonly (readonly string[])[];
  /** German words for it (`hilfe`): in a space that chose no language, the answer is then German. */
  readonly german?: readonly (readonly string[])[];
  readonly usage: MessageId;
  readonly summary: MessageId;
  /** Who may run it; checked at the seam before `run`. */
  readonly needs: Permission;
  /** Optional scopes of the partner credentials its calls need: it is off while one is missing. */
  readonly scopes?: readonly string[];
  readonly run: (ctx: CommandContext) => Promise<void>;
}

export interface ParsedCommand {
  readonly command: Command;
  readonly args: string;
  /** Set when the words were the command's German ones. */
  readonly language?: Locale;
}

/**
 * The one list of commands: parsing and the help card both read it, so help cannot list a
 * command the bot does not understand. The longest matching word sequence wins.
 */
export class CommandRegistry {
  private readonly commands: Command[] = [];
  /** Every word sequence that starts a command, with its command: built once, read for every message. */
  private readonly forms: { readonly words: readonly string[]; readonly command: Command; readonly german: boolean }[] =
    [];

  private readonly missingScopes = new Set<string>();

  /** The start-up check found these scopes missing: the commands that need one are off. */
  withoutScopes(scopes: readonly string[]): void {
    for (const scope of scopes) this.missingScopes.add(scope);
  }

  /** The scope `command` needs that the partner credentials lack, if any. */
  missingScope(command: Command): string | undefined {
    return command.scopes?.find((scope) => this.missingScopes.has(scope));
  }

  register(command: Command): this {
    this.commands.push(command);
    for (const words of [command.words, ...(command.aliases ?? [])]) this.forms.push({ words, command, german: false });
    for (const words of command.german ?? []) this.forms.push({ words, command, german: true });
    return this;
  }

  parse(text: string): ParsedCommand | undefined {
    const tokens = text.trim().split(/\s+/).filter(Boolean);
    const lower = tokens.map((w) => w.toLowerCase());
    let best: (typeof this.forms)[number] | undefined;
    for (const form of this.forms) {
      const matches = form.words.length <= lower.length && form.words.every((w, i) => lower[i] === w);
      if (matches && (!best || form.words.length > best.words.length)) best = form;
    }
    return best
      ? {
          command: best.command,
          args: tokens.slice(best.words.length).join(' '),
          ...(best.german ? { language: 'de' as const } : {}),
        }
      : undefined;
  }

  /** Each command's usage and summary in `t`'s language, for the help card. */
  helpEntries(t: Translate): { readonly usage: string; readonly summary: string }[] {
    return this.commands.map((c) => ({ usage: t(c.usage), summary: t(c.summary) }));
  }
}
