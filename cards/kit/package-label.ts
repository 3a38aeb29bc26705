import type { MessageId, Translate } from '../../i18n/catalogue.ts';
import { customerAddOns, customerPackages } from '../../machines/kit/packages.ts';

/** A package's label in the person's language, or its spec name when it has none. */
export function packageLabel(t: Translate, name: string): string {
  const label =
    (customerPackages as Partial<Record<string, MessageId>>)[name] ??
    (customerAddOns as Partial<Record<string, { readonly label: MessageId }>>)[name]?.label;
  return label ? t(label) : name;
}
