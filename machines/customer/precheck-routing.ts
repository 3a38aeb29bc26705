import type { FieldError, FieldErrors } from '../kit/field-errors.ts';

export interface WholesaleProblem {
  readonly errorCode?: number;
  readonly description?: string;
}

export interface PrecheckRoute {
  /** The card the person goes back to. */
  readonly section: 'company' | 'packages' | 'hq' | 'summary';
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
}

/**
 * Sends each precheck refusal to the card where it can be fixed, beside its field. Codes are the
 * Wholesale API's (the sandbox uses the same); an unknown one goes to the summary, with Webex's words.
 */
export function routePrecheck(problems: readonly WholesaleProblem[]): PrecheckRoute {
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
        return { section: 'company', field: 'templateId', error: { id: 'customer.precheck.failed', params: { reason } } };
      case 10006:
        return { section: 'packages', field: 'addOns', error: { id: 'customer.precheck.failed', params: { reason } } };
      case 10001:
        return { section: 'hq', field: /state|province/i.test(reason) ? 'stateOrProvince' : 'postalCode', error: { id: 'customer.precheck.address', params: { reason } } };
      default:
        return { section: 'summary', error: { id: 'customer.precheck.failed', params: { reason } } };
    }
  });
  const first = placed[0] ?? { section: 'summary' as const, error: { id: 'customer.precheck.failed' as const, params: { reason: 'unknown' } } };
  const errors: Record<string, FieldError> = {};
  for (const p of placed) if (p.section === first.section && p.field && !errors[p.field]) errors[p.field] = p.error;
  return { section: first.section, errors, notice: first.section === 'summary' ? first.error : { id: 'form.fixErrors' } };
}
