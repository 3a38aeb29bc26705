import { countryChoices, languageName } from '../../i18n/countries.ts';
import type { TemplateAddContext } from '../../machines/template/template-add-machine.ts';
import { emailLanguages } from '../../machines/template/template-fields.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf, textField } from '../kit/form-fields.ts';
import type { Reply } from '../kit/reply.ts';

export const templateAddActions = { save: 'submit', cancel: 'cancel' } as const satisfies Record<string, string>;

/** `add template`: the Provisioning ID from Partner Hub and the facts the bot shows for it. */
export function templateAddCard(state: string, context: TemplateAddContext, view: CardView): Reply {
  const { t, locale } = view;
  const field = (id: string) => ({ t, id, value: context.answers[id], error: context.errors[id] });
  switch (state) {
    case 'form': {
      const title = t('templateAdd.title', { name: context.name });
      const card = adaptiveCard(
        [
          ...heading(title),
          { type: 'TextBlock', text: t('templateAdd.intro'), wrap: true },
          ...noticeOf(t, context.notice),
          ...textField({
            ...field('provisioningId'),
            label: t('templateAdd.provisioningId'),
            required: true,
            maxLength: 200,
          }),
          ...choiceField({ ...field('country'), label: t('template.country'), choices: countryChoices(locale) }),
          ...choiceField({
            ...field('emailLanguage'),
            label: t('template.emailLanguage'),
            choices: emailLanguages.map((code) => ({ title: languageName(code, locale), value: code })),
          }),
          ...textField({
            ...field('subscriptionId'),
            label: t('template.subscriptionId'),
            required: true,
            placeholder: 'Sub100448',
          }),
        ],
        [
          submit(view, templateAddActions.save, t('templateAdd.save'), 'positive'),
          submit(view, templateAddActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: `**${title}**` };
    }
    case 'done':
      return { markdown: t('templateAdd.done', { name: context.name }) };
    case 'cancelled':
      return { markdown: t('templateAdd.cancelled') };
    default:
      throw new Error(`no card for template add state ${state}`);
  }
}
