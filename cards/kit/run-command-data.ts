import { z } from 'zod';

/** A button that runs a read-only command as the person who clicks it (e.g. one of several matches). */
export const RUN_ACTION = 'run';
export const runCommandDataSchema = z.object({ action: z.literal(RUN_ACTION), command: z.string().min(1).max(200) });
