import type { Answers } from '../kit/field-errors.ts';
import { packagesSchema } from '../kit/packages.ts';
import { callingPackages, customerAddOns, customerPackages } from '../kit/packages.ts';

/** The customer whose packages change, as the procedure needs it. */
export interface PackagesTarget {
  readonly externalId: string;
  readonly id: string;
  readonly name: string;
  readonly packages: readonly string[];
}

const offered = (name: string) => Object.hasOwn(customerPackages, name) || Object.hasOwn(customerAddOns, name);

/** The card's answers for the packages a customer has now (what the card offers of them). */
export function currentAnswers(packages: readonly string[]): Answers {
  return {
    packages: packages.filter((p) => Object.hasOwn(customerPackages, p)).join(','),
    addOns: packages.filter((p) => Object.hasOwn(customerAddOns, p)).join(','),
  };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The complete list the customer will have (the API removes what the list leaves out): the card's
 * choice, and every package the card does not offer kept as it is.
 */
export function wantedPackages(current: readonly string[], answers: Answers): string[] {
  return [...current.filter((p) => !offered(p)), ...list(answers.packages), ...list(answers.addOns)];
}

/** What a change adds and removes. */
export function packageChange(
  current: readonly string[],
  wanted: readonly string[],
): { readonly added: string[]; readonly removed: string[] } {
  return { added: wanted.filter((p) => !current.includes(p)), removed: current.filter((p) => !wanted.includes(p)) };
}

/**
 * The card's answers, checked before any call: the spec's dependency rules (add-ons need a package
 * they depend on), something must change, and calling cannot be added where there was none (its
 * first calling location is set up at creation; the bot does not ask for one here).
 */
export function changeSchema(current: readonly string[]) {
  return packagesSchema.superRefine((value, ctx) => {
    const wanted = [...current.filter((p) => !offered(p)), ...value.packages, ...value.addOns];
    const { added, removed } = packageChange(current, wanted);
    if (added.length === 0 && removed.length === 0)
      ctx.addIssue({ code: 'custom', path: ['packages'], message: 'packages.unchanged' });
    const hadCalling = current.some((p) => callingPackages.has(p));
    if (!hadCalling && added.some((p) => callingPackages.has(p)))
      ctx.addIssue({ code: 'custom', path: ['packages'], message: 'packages.callingNeedsLocation' });
  });
}

export const packagesFields = ['packages', 'addOns'] as const;

/** How many users hold each package the change would remove (only those some user holds). */
export type Holders = Readonly<Record<string, number>>;
