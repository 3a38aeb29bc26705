import { problemsText } from '../../cards/kit/problem-text.ts';
import { problemsOf } from '../../webex/webex-api-error.ts';
import { subscriberProgress } from '../../webex/wholesale-schemas.ts';
import { actorOf } from '../engine/command-registry.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';

/**
 * `resend consent <email> <customer>`: asks Webex to email again a user whose free Webex account
 * waits for their consent to move (`pending_user_migration`), through `consentMove`.
 */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['resend', 'consent'],
    german: [['zustimmung', 'erneut']],
    usage: 'command.resendConsent.usage',
    summary: 'command.resendConsent.summary',
    needs: 'start',
    run: async (ctx) => {
      const [email = '', ...rest] = ctx.args.trim().split(/\s+/);
      if (!email.includes('@') || rest.length === 0) return ctx.reply({ markdown: ctx.t('consent.missing') });
      const customer = await provisionedCustomer({ ...ctx, args: rest.join(' ') }, kit.customers, 'resend consent');
      if (!customer) return;
      const subscriber = await kit.wholesale.findSubscriber(customer.id, email.toLowerCase());
      if (!subscriber) return ctx.reply({ markdown: ctx.t('consent.noUser', { email, name: customer.name }) });
      // Only a subscriber that waits for consent has an email to send; say where the others are.
      if (subscriberProgress(subscriber).state !== 'consent')
        return ctx.reply({
          markdown: ctx.t('consent.notWaiting', {
            email: subscriber.email,
            name: customer.name,
            status: subscriber.status ?? subscriberProgress(subscriber).state,
          }),
        });
      try {
        await kit.wholesale.sendConsentEmail(subscriber.id);
      } catch (error) {
        return ctx.reply({
          markdown: ctx.t('consent.failed', { email: subscriber.email, reason: problemsText(problemsOf(error)) }),
        });
      }
      await kit.store.appendAudit({
        at: kit.clock().toISOString(),
        action: 'user.consentResent',
        actor: actorOf(ctx),
        externalId: customer.externalId,
        details: { email: subscriber.email },
      });
      return ctx.reply({ markdown: ctx.t('consent.sent', { email: subscriber.email, name: customer.name }) });
    },
  });
}
