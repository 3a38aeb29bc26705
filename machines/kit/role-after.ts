import { z } from 'zod';

/** A person read again after a PUT that gave a role answered an error (the PUT may still have changed them). */
const roleAfterSchema = z.object({
  /** Undefined when the person could not be read again. */
  roleGiven: z.boolean().optional(),
  /** Whether a calling user still has the extension and location they had; absent for others. */
  callingKept: z.boolean().optional(),
  extension: z.string().optional(),
});
export type RoleAfter = z.infer<typeof roleAfterSchema>;

/** The re-read a role failure carries (`{ after }` on the error), if any. */
export function roleAfterOf(error: unknown): RoleAfter | undefined {
  const carried = z.object({ after: roleAfterSchema }).safeParse(error);
  return carried.success ? carried.data.after : undefined;
}
