import { problemText } from '../../cards/kit/problem-text.ts';
import type { FieldError, FieldErrors } from '../../machines/kit/field-errors.ts';
import type { Problem } from '../../machines/kit/problem.ts';

/** Where each subscriber precheck code belongs on the card. */
const precheckFields: Readonly<Record<number, { field: string; id: FieldError['id'] }>> = {
  10022: { field: 'email', id: 'user.emailTaken' },
  20003: { field: 'package', id: 'user.packageNotOwned' },
  20004: { field: 'primaryPhoneNumber', id: 'user.needsNumber' },
  20005: { field: 'primaryPhoneNumber', id: 'user.phoneInvalid' },
  20006: { field: 'primaryPhoneNumber', id: 'user.numberTaken' },
  20007: { field: 'locationId', id: 'user.needsLocation' },
  // The sandbox's code for a number its location does not hold (Webex documents no code for it).
  20010: { field: 'primaryPhoneNumber', id: 'pstn.numberNotHeld' },
};

/**
 * Translates the subscriber precheck's coded refusals into the user card's terms: a message beside
 * the field each concerns, and Webex's own words for the rest.
 */
export function routeUserPrecheck(problems: readonly Problem[]): { errors: FieldErrors; notice: FieldError } {
  const errors: Record<string, FieldError> = {};
  const other: string[] = [];
  for (const p of problems) {
    const place = p.errorCode !== undefined ? precheckFields[p.errorCode] : undefined;
    if (place && !errors[place.field]) errors[place.field] = { id: place.id };
    else if (!place) other.push(problemText(p));
  }
  return {
    errors,
    notice:
      other.length > 0
        ? { id: 'user.failed', params: { reason: [...new Set(other)].join('; ') } }
        : { id: 'form.fixErrors' },
  };
}
