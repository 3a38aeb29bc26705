import type { Translate } from '../../i18n/catalogue.ts';

/** A time as people read it in a chat: `2026-11-25 04:10 UTC`. */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A Wholesale status in the person's words, where the catalogue has them. */
export function statusWord(t: Translate, status: string): string {
  if (status === 'provisioned') return t('customer.status.provisioned');
  if (status === 'provisioning') return t('customer.status.provisioning');
  if (status === 'error') return t('customer.status.error');
  if (status === 'offboarded') return t('customer.status.offboarded');
  if (status === 'gone') return t('customer.status.gone');
  if (status === 'pending_rpl_review') return t('customer.status.held');
  return status.replace(/_/g, ' ');
}
