import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';
import type { Template } from '../../store/records.ts';
import type { Harness } from './harness.ts';
import { templateFixture } from './fixtures.ts';

/** A stored onboarding template, as the template wizard would leave it. */
export async function seedTemplate(h: Harness, name = 'SMB Germany'): Promise<Template> {
  const template = templateFixture({ id: `tpl-${name}`, name, conversationId: `seed-${name}` });
  await h.store.insertTemplate(template);
  return template;
}

export const company = (externalId = 'acme-001') => ({
  companyName: 'Acme GmbH',
  adminEmail: `admin@${externalId}.example`,
  externalId,
  country: 'DE',
});
export const packages = { packages: 'webex_calling,webex_meetings', addOns: 'attendant_console' };
export const hq = {
  locationName: 'Berlin HQ',
  addressLine1: 'Hauptstraße 1',
  addressLine2: '',
  city: 'Berlin',
  stateOrProvince: '',
  postalCode: '10115',
  timeZone: 'Europe/Berlin',
  locationLanguage: 'de_de',
  emergencyLocationIdentifier: '',
};

/** Says `create customer` and answers every card up to the summary. */
export async function customerToSummary(
  h: Harness,
  options: { person?: string; room?: string; externalId?: string; hq?: Record<string, string> } = {},
): Promise<SandboxMessage> {
  const person = options.person ?? 'alice';
  const room = options.room ?? `direct-${person}`;
  const before = h.botMessages(room).length;
  await h.say(person, room, 'create customer');
  const first = (await h.waitForBotMessages(room, before + 1))[before]!;
  const confirm = await h.answer(person, first, 'next', company(options.externalId));
  const pkgs = await h.answer(person, confirm, 'next', { hqConfirmed: 'true' });
  const hqCard = await h.answer(person, pkgs, 'next', packages);
  return h.answer(person, hqCard, 'next', options.hq ?? hq);
}

/** Waits for a bot message in the space whose markdown passes `test`. */
export async function waitForBotText(
  h: Harness,
  room: string,
  test: (markdown: string) => boolean,
  timeoutMs = 10_000,
): Promise<SandboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = h.botMessages(room).find((m) => test(m.markdown ?? ''));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `no bot message matched in ${room}; last: ${h
          .botMessages(room)
          .slice(-3)
          .map((m) => m.markdown)
          .join(' / ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
