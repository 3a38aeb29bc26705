import type { PrecheckRoute } from '../../machines/customer/customer-machine.ts';
import type { FieldError } from '../../machines/kit/field-errors.ts';
import type { Problem } from '../../machines/kit/problem.ts';

/**
 * Translates the Wholesale precheck's coded refusals into the create-customer machine's terms: the
 * card where each can be fixed, and the message beside its field. Codes are the Wholesale API's (the
 * sandbox uses the same); an unknown one goes to the summary, with Webex's words.
 */
/** The HQ field an address refusal names (Webex's words are all there is to go by). */
function addressField(reason: string): string {
  if (/addressLine2/i.test(reason)) return 'addressLine2';
  if (/addressLine1|address line/i.test(reason)) return 'addressLine1';
  if (/time ?zone/i.test(reason)) return 'timeZone';
  if (/state|province/i.test(reason)) return 'stateOrProvince';
  return 'postalCode';
}

export function routePrecheck(problems: readonly Problem[]): PrecheckRoute {
  const placed: { section: PrecheckRoute['section']; field?: string; error: FieldError }[] = problems.map((p) => {
    const reason = p.description ?? `error ${p.errorCode ?? '?'}`;
    switch (p.errorCode) {
      case 10002:
        return { section: 'company', field: 'externalId', error: { id: 'customer.externalIdExists' } };
      case 10022:
        return { section: 'company', field: 'adminEmail', error: { id: 'customer.adminEmailTaken' } };
      case 10004:
        return { section: 'company', field: 'country', error: { id: 'customer.countryUnsupported' } };
      case 10005:
        return {
          section: 'company',
          field: 'templateId',
          error: { id: 'customer.precheck.failed', params: { reason } },
        };
      case 10006:
        return { section: 'packages', field: 'addOns', error: { id: 'customer.precheck.failed', params: { reason } } };
      case 10008:
        return { section: 'company', field: 'companyName', error: { id: 'customer.companyNamePercent' } };
      case 10010:
        return { section: 'company', field: 'adminEmail', error: { id: 'field.email' } };
      case 10001:
        return {
          section: 'hq',
          field: addressField(reason),
          error: { id: 'customer.precheck.address', params: { reason } },
        };
      default:
        return { section: 'summary', error: { id: 'customer.precheck.failed', params: { reason } } };
    }
  });
  const first = placed[0] ?? {
    section: 'summary' as const,
    error: { id: 'customer.precheck.failed' as const, params: { reason: 'unknown' } },
  };
  const errors: Record<string, FieldError> = {};
  for (const p of placed) if (p.section === first.section && p.field && !errors[p.field]) errors[p.field] = p.error;
  return {
    section: first.section,
    errors,
    notice: first.section === 'summary' ? first.error : { id: 'form.fixErrors' },
  };
}
