import type { z } from 'zod';
import type { AttachmentAction } from '../../webex/messaging-schemas.ts';
import type { Permission } from './access-policy.ts';
import type { EventContext } from './event-context.ts';

/** What a card action's handler gets: the event's context, the submission itself, and whether it is a replay. */
interface CardActionContext extends EventContext {
  readonly action: AttachmentAction;
  /** Handled again after a restart cut its handling off: a click found no longer current was handled before. */
  readonly replayed: boolean;
}

/**
 * A kind of button the bot's cards carry (Bolt's `app.action`): the data that tells it apart, who
 * may press it (checked at the seam, as for commands), and what pressing it does.
 */
export interface CardAction<S extends z.ZodType> {
  /** For the log: what the button does, e.g. `vote`. */
  readonly name: string;
  /** The submission's data; the first registered action whose schema accepts it handles it. */
  readonly schema: S;
  readonly needs: Permission;
  readonly handle: (ctx: CardActionContext, data: z.output<S>) => Promise<void>;
}

/** A submission an action accepted: who may press it, and its handler with the parsed data bound. */
export interface MatchedAction {
  readonly name: string;
  readonly needs: Permission;
  readonly run: (ctx: CardActionContext) => Promise<void>;
}

/** Card actions in the order they are tried; the seam asks which one a submission is for. */
export class CardActions {
  private readonly matchers: ((inputs: unknown) => MatchedAction | undefined)[] = [];

  register<S extends z.ZodType>(action: CardAction<S>): this {
    this.matchers.push((inputs) => {
      const parsed = action.schema.safeParse(inputs);
      return parsed.success
        ? { name: action.name, needs: action.needs, run: (ctx) => action.handle(ctx, parsed.data) }
        : undefined;
    });
    return this;
  }

  /** The first action whose schema accepts the submission's inputs, if any. */
  match(inputs: unknown): MatchedAction | undefined {
    for (const matcher of this.matchers) {
      const matched = matcher(inputs);
      if (matched) return matched;
    }
    return undefined;
  }
}
