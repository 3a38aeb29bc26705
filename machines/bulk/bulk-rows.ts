import { validateSection, type FieldErrors } from '../kit/field-errors.ts';
import { userOrder, userSchema, type UserOrder } from '../kit/user-fields.ts';
import { type CustomerTarget } from '../kit/customer-target.ts';

/** What the number column says for "the next free number at the row's location". */
export const NEXT_FREE = 'next';

export interface BulkRow {
  /** The line in the file (the header is line 1). */
  readonly line: number;
  readonly user: UserOrder;
}

export interface BadRow {
  readonly line: number;
  readonly email: string;
  readonly errors: FieldErrors;
}

export type RowCheck =
  { readonly ok: true; readonly rows: readonly BulkRow[] } | { readonly ok: false; readonly bad: readonly BadRow[] };

/**
 * Checks every row with the same rules as one `add user`, before anything is created: a calling
 * package needs a location (by name) and a number or extension, the administrator keeps the
 * customer's level, and no email appears twice in the file.
 */
export function checkRows(
  records: readonly Readonly<Record<string, string>>[],
  customer: CustomerTarget,
  locations: readonly { id: string; name: string }[],
  /** Each location's free numbers, in the order they are given out to rows whose number is `next`. */
  free: ReadonlyMap<string, readonly string[]> = new Map(),
  /** The administrator roles (`GET /roles`) a `role` column names, by name. */
  roles: readonly { readonly id: string; readonly name: string }[] = [],
  /**
   * Every number each location holds, for the locations some row types a number at: Webex gives a
   * user only a number of their location's inventory, so another is refused here, before any create.
   */
  held: ReadonlyMap<string, readonly string[]> = new Map(),
): RowCheck {
  const bad: BadRow[] = [];
  const rows: BulkRow[] = [];
  const seen = new Map<string, number>();
  const schema = userSchema(customer);
  const heldSets = new Map([...held].map(([locationId, numbers]) => [locationId, new Set(numbers)]));
  // A number the file names for one row is never given out as another row's next free number.
  const named = new Set(records.map((r) => (r.phoneNumber ?? '').trim()));
  const given = new Map<string, number>();
  const nextFree = (locationId: string): string | undefined => {
    const pool = free.get(locationId) ?? [];
    let at = given.get(locationId) ?? 0;
    while (at < pool.length && named.has(pool[at]!)) at++;
    given.set(locationId, at + 1);
    return pool[at];
  };
  records.forEach((record, index) => {
    const line = index + 2;
    const locationName = (record.location ?? '').trim();
    const location = locations.find((l) => l.name.toLowerCase() === locationName.toLowerCase());
    const wantsNext = (record.phoneNumber ?? '').trim().toLowerCase() === NEXT_FREE;
    const number = wantsNext ? (location ? nextFree(location.id) : undefined) : record.phoneNumber;
    const roleName = (record.role ?? '').trim();
    const role = roles.find((r) => r.name.toLowerCase() === roleName.toLowerCase());
    const answers = {
      role: role?.id ?? '',
      firstName: record.firstName ?? '',
      lastName: record.lastName ?? '',
      email: record.email ?? '',
      package: (record.package ?? '').trim(),
      locationId: location?.id ?? '',
      primaryPhoneNumber: number ?? '',
      extension: record.extension ?? '',
    };
    const result = validateSection(schema, answers);
    const errors: Record<string, FieldErrors[string]> = result.ok ? {} : { ...result.errors };
    if (locationName && !location)
      errors.locationId = { id: 'bulk.unknownLocation', params: { location: locationName } };
    if (roleName && !role)
      errors.role = { id: 'bulk.unknownRole', params: { role: roleName, roles: roles.map((r) => r.name).join(', ') } };
    if (wantsNext && location && number === undefined)
      errors.primaryPhoneNumber = { id: 'bulk.noFreeNumber', params: { location: location.name } };
    const typed = result.ok && !wantsNext && location ? userOrder(customer, answers).primaryPhoneNumber : undefined;
    if (typed && location && heldSets.has(location.id) && !heldSets.get(location.id)!.has(typed))
      errors.primaryPhoneNumber = { id: 'pstn.numberNotHeld' };
    const email = answers.email.trim().toLowerCase();
    const first = seen.get(email);
    if (email && first !== undefined) errors.email = { id: 'bulk.duplicateEmail', params: { line: String(first) } };
    else if (email) seen.set(email, line);
    if (Object.keys(errors).length > 0) bad.push({ line, email, errors });
    else rows.push({ line, user: userOrder(customer, answers) });
  });
  return bad.length > 0 ? { ok: false, bad } : { ok: true, rows };
}
