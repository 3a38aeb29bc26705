import type { Translate } from '../../i18n/catalogue.ts';
import type { RoleAfter } from '../../machines/kit/role-after.ts';

/** Why the role is missing and, after a failed PUT, what reading the person again showed. */
export function roleFailedLines(t: Translate, role: string, reason: string, after: RoleAfter | undefined): string[] {
  if (!after) return [t('user.roleFailed', { role, reason })];
  if (after.roleGiven === undefined) return [t('user.roleReadFailed', { role, reason })];
  return [
    t(after.roleGiven ? 'user.roleReadGiven' : 'user.roleReadNotGiven', { role, reason }),
    ...callingLines(t, after),
  ];
}

/** Whether a calling user kept their extension and location, as the read after a failed PUT showed; nothing for others. */
export function callingLines(t: Translate, after: RoleAfter): string[] {
  if (after.callingKept === undefined) return [];
  return [
    after.callingKept
      ? t('user.roleReadCallingKept')
      : t('user.roleReadCallingLost', { extension: after.extension ?? '' }),
  ];
}
