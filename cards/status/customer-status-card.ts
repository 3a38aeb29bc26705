import type { Translate } from '../../i18n/catalogue.ts';
import { approvalsOf } from '../../machines/kit/approval-rules.ts';
import type { Approval, CustomerRecord } from '../../store/records.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { packageLabel } from '../kit/package-label.ts';
import { heading, notice } from '../kit/form-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { problemText } from '../kit/problem-text.ts';
import { shortTime, statusWord } from '../kit/status-format.ts';

/** What the customer has now at Webex: users (and those still provisioning, by email) and locations. */
export interface StatusCounts {
  readonly users: number;
  readonly locations: number;
  readonly provisioning: readonly string[];
  /** Users who wait for their consent to move a free Webex account (`pending_user_migration`), by email. */
  readonly awaitingConsent?: readonly string[];
}

const SHOWN_PROVISIONING = 10;

/** `status <customer>`: the state per package, the last error, what waits for approval, who created it and when it was checked. */
export function customerStatusCard(
  t: Translate,
  customer: CustomerRecord,
  stale: boolean,
  counts?: StatusCounts,
  pending: readonly Approval[] = [],
): CardReply {
  const errors = [...customer.errors, ...customer.packageStates.flatMap((p) => p.errors)];
  const lastError = errors.at(-1);
  const facts = [
    { title: t('status.state'), value: statusWord(t, customer.status) },
    ...customer.packageStates.map((p) => ({ title: packageLabel(t, p.name), value: statusWord(t, p.status) })),
    { title: t('customer.externalIdLabel'), value: customer.externalId },
    ...(counts
      ? [
          { title: t('status.users'), value: String(counts.users) },
          ...(counts.provisioning.length > 0
            ? [
                {
                  title: t('status.usersProvisioning'),
                  value: t('status.usersProvisioningLine', {
                    count: counts.provisioning.length,
                    emails: counts.provisioning.slice(0, SHOWN_PROVISIONING).join(', '),
                    more: Math.max(0, counts.provisioning.length - SHOWN_PROVISIONING),
                  }),
                },
              ]
            : []),
          ...((counts.awaitingConsent ?? []).length > 0
            ? [
                {
                  title: t('status.usersAwaitingConsent'),
                  value: t('status.usersProvisioningLine', {
                    count: counts.awaitingConsent!.length,
                    emails: counts.awaitingConsent!.slice(0, SHOWN_PROVISIONING).join(', '),
                    more: Math.max(0, counts.awaitingConsent!.length - SHOWN_PROVISIONING),
                  }),
                },
              ]
            : []),
          { title: t('status.locations'), value: String(counts.locations) },
        ]
      : []),
    ...pending.map((a) => ({
      title: t('status.pendingApproval'),
      value: t('status.pendingApprovalLine', {
        subject: a.subject,
        count: approvalsOf(a),
        required: a.required,
        until: shortTime(a.expiresAt),
      }),
    })),
    ...(lastError ? [{ title: t('status.lastError'), value: problemText(lastError) }] : []),
    {
      title: t('status.createdBy'),
      value: customer.createdOutside
        ? t('customers.outside')
        : `${customer.createdBy.email}, ${shortTime(customer.createdAt)}`,
    },
    { title: t('status.checked'), value: shortTime(customer.updatedAt) },
  ];
  const title = t('status.title', { name: customer.name });
  const staleNote = stale ? t('status.stale', { time: shortTime(customer.updatedAt) }) : undefined;
  // Webex's compliance hold: what it means and what the partner can do.
  const holdNote = customer.status === 'pending_rpl_review' ? t('customer.heldNote') : undefined;
  const card = adaptiveCard(
    [...heading(title), ...notice(staleNote, 'Warning'), ...notice(holdNote, 'Warning'), { type: 'FactSet', facts }],
    [],
    title,
  );
  const notes = [staleNote, holdNote].filter((n): n is string => n !== undefined);
  return { card, markdown: [`**${title}**`, ...notes, ...factsMarkdown(facts)].join('\n') };
}
