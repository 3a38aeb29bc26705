import { z } from 'zod';

/** A fault a test switches on: the next `times` matching calls get this answer instead. */
export const faultSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** An operation path as in the spec (`/messages/{messageId}`) or a literal path, without /v1. */
  path: z.string().min(1),
  /** Only calls made with this person's token (by email), e.g. the bot's. */
  personEmail: z.string().optional(),
  /** An error status, or another documented success status than the operation's own (answered without a body after the work). */
  status: z.number().int().min(100).max(599).default(500),
  retryAfter: z.number().nonnegative().optional(),
  /** Answer late by this many milliseconds (with the real answer when `status` is 200); with `passThrough`, after doing the work. */
  delayMs: z.number().int().nonnegative().max(60_000).default(0),
  times: z.number().int().positive().default(1),
  /** Do the work, then answer with the fault anyway: the caller cannot know it succeeded. */
  passThrough: z.boolean().default(false),
});
export type Fault = z.infer<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

export interface FaultHit {
  readonly fault: Fault;
  readonly at: string;
  readonly method: string;
  readonly path: string;
}

/** Switchable faults, consumed as they fire; every firing is kept for tests to read. */
export class Faults {
  private readonly active: { fault: Fault; left: number }[] = [];
  readonly hits: FaultHit[] = [];

  add(input: FaultInput): Fault {
    const fault = faultSchema.parse(input);
    this.active.push({ fault, left: fault.times });
    return fault;
  }

  clear(): void {
    this.active.length = 0;
  }

  /** The fault for this call, if one is armed; counts it down. */
  take(
    method: string,
    operationPath: string,
    literalPath: string,
    personEmail: string | undefined,
    now: string,
  ): Fault | undefined {
    const entry = this.active.find(
      ({ fault }) =>
        (!fault.method || fault.method === method) &&
        (fault.path === operationPath || fault.path === literalPath) &&
        (!fault.personEmail || fault.personEmail === personEmail),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.active.splice(this.active.indexOf(entry), 1);
    this.hits.push({ fault: entry.fault, at: now, method, path: literalPath });
    return entry.fault;
  }
}
