/** The customer users are added to, as the procedure needs it. */
export interface CustomerTarget {
  readonly externalId: string;
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly adminEmail: string;
  readonly country: string;
  readonly packages: readonly string[];
}
