import { validateSection, type FieldErrors } from '../kit/field-errors.ts';
import { userOrder, userSchema, type CustomerTarget, type UserOrder } from '../user/user-fields.ts';

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
): RowCheck {
  const bad: BadRow[] = [];
  const rows: BulkRow[] = [];
  const seen = new Map<string, number>();
  const schema = userSchema(customer);
  records.forEach((record, index) => {
    const line = index + 2;
    const locationName = (record.location ?? '').trim();
    const location = locations.find((l) => l.name.toLowerCase() === locationName.toLowerCase());
    const answers = {
      firstName: record.firstName ?? '',
      lastName: record.lastName ?? '',
      email: record.email ?? '',
      package: (record.package ?? '').trim(),
      locationId: location?.id ?? '',
      primaryPhoneNumber: record.phoneNumber ?? '',
      extension: record.extension ?? '',
    };
    const result = validateSection(schema, answers);
    const errors: Record<string, FieldErrors[string]> = result.ok ? {} : { ...result.errors };
    if (locationName && !location)
      errors.locationId = { id: 'bulk.unknownLocation', params: { location: locationName } };
    const email = answers.email.trim().toLowerCase();
    const first = seen.get(email);
    if (email && first !== undefined) errors.email = { id: 'bulk.duplicateEmail', params: { line: String(first) } };
    else if (email) seen.set(email, line);
    if (Object.keys(errors).length > 0) bad.push({ line, email, errors });
    else rows.push({ line, user: userOrder(customer, answers) });
  });
  return bad.length > 0 ? { ok: false, bad } : { ok: true, rows };
}
