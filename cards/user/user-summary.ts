import type { Translate } from '../../i18n/catalogue.ts';
import { userCallingPackages } from '../../machines/kit/packages.ts';
import type { UserContext } from '../../machines/user/user-machine.ts';
import { packageLabel } from '../kit/package-label.ts';
import { factsMarkdown } from '../kit/facts.ts';

/** The user to add, as markdown lines for the approval card. */
export function userSummary(t: Translate, context: Pick<UserContext, 'answers' | 'locations'>): string[] {
  const a = context.answers;
  const calling = userCallingPackages.has(a.package ?? '');
  const location = context.locations.find((l) => l.id === a.locationId)?.name;
  return factsMarkdown([
    { title: t('user.email'), value: a.email ?? '' },
    { title: t('user.package'), value: packageLabel(t, a.package ?? '') },
    ...(calling && location ? [{ title: t('user.location'), value: location }] : []),
    ...(calling && a.primaryPhoneNumber ? [{ title: t('user.phone'), value: a.primaryPhoneNumber }] : []),
    ...(calling && a.extension ? [{ title: t('user.extension'), value: a.extension }] : []),
  ]);
}
