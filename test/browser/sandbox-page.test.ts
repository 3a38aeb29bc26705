import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHarness, waitFor, type Harness } from '../support/harness.ts';
import { chromiumForTests } from '../support/browser.ts';

const OUT = new URL('../../test-output/', import.meta.url);

let h: Harness;
let browser: Browser;

// Finding (or, on a bare machine, installing) the browser may take a few minutes the first time.
beforeAll(async () => {
  const executablePath = chromiumForTests();
  await mkdir(OUT, { recursive: true });
  h = await startHarness({
    approvalPolicy: (sandbox) => ({
      'create-customer': {
        approvers: ['bea@partner.example'],
        approverSpaces: [],
        required: 1,
        requesterMayApprove: false,
        space: sandbox.state.roomByKey('approvers').id,
        openFor: 3_600_000,
      },
    }),
  });
  // The flags that keep Chromium off the network (this machine has none) and quiet.
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}, 900_000);
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- browser stays unset when beforeAll fails
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- h stays unset when beforeAll fails
  await h?.close();
});

async function open(as: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${h.sandbox.url}/?as=${as}`);
  await page.getByRole('heading', { name: 'Onboarding Bot' }).waitFor();
  expect(errors).toEqual([]);
  return page;
}

async function say(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
}

const lastCard = (page: Page) => page.locator('.card').last();

describe('the sandbox page in a browser', () => {
  it(
    'walks a person through create template, create customer with an approval by a second person, and status',
    { timeout: 90_000 },
    async () => {
      const alice = await open('alice');
      await say(alice, 'create template');
      await lastCard(alice).getByText('Primary settings').waitFor();
      const card = lastCard(alice);
      await card.getByLabel('Template name').fill('SMB Germany');
      await card.getByLabel('Service provider admin (email)').fill('sp@partner.example');
      await card.getByLabel('Country or region').selectOption('DE');
      await card.getByLabel('Wholesale subscription ID').fill('Sub100448');
      await alice.screenshot({ path: new URL('template-basics.png', OUT).pathname });
      await card.getByRole('button', { name: 'Next' }).click();
      await lastCard(alice).getByText('Not recommended').waitFor();
      await lastCard(alice).getByRole('button', { name: 'Next' }).click();
      await lastCard(alice).getByText('Common and calling settings').waitFor();
      await lastCard(alice).getByRole('button', { name: 'Next' }).click();
      await lastCard(alice).getByText('Check the onboarding template').waitFor();
      await lastCard(alice).getByRole('button', { name: 'Submit' }).click();
      await lastCard(alice).getByText('Onboarding template “SMB Germany” is ready').waitFor();

      await say(alice, 'create customer');
      await lastCard(alice).getByText('New customer · step 1 of 4').waitFor();
      const company = lastCard(alice);
      await company.getByLabel('Company name').fill('Acme GmbH');
      await company.getByLabel('Customer administrator (email)').fill('admin@acme.example');
      await company.getByLabel('External customer ID').fill('acme-001');
      await company.getByLabel('Country of the headquarters').selectOption('DE');
      await company.getByRole('button', { name: 'Next' }).click();
      await lastCard(alice).getByText('Webex Wholesale is offered there').waitFor();
      await lastCard(alice).getByRole('checkbox').check();
      await lastCard(alice).getByRole('button', { name: 'Next' }).click();
      await lastCard(alice).getByText('Packages and add-ons').waitFor();
      await lastCard(alice).getByText('Webex Calling', { exact: true }).click();
      await lastCard(alice).getByRole('button', { name: 'Next' }).click();
      const hq = lastCard(alice);
      await hq.getByText('Headquarters (HQ) location').waitFor();
      await hq.getByLabel('Location name').fill('Berlin HQ');
      await hq.getByLabel('Address line 1').fill('Hauptstraße 1');
      await hq.getByLabel('City').fill('Berlin');
      await hq.getByLabel('Postal code (where required)').fill('10115');
      expect(await hq.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
      await hq.getByRole('button', { name: 'Next' }).click();
      await lastCard(alice).getByText('Check the new customer').waitFor();
      await alice.screenshot({ path: new URL('customer-summary.png', OUT).pathname });
      await lastCard(alice).getByRole('button', { name: 'Create' }).click();
      await alice.getByText('Sent for approval: Acme GmbH (acme-001)').waitFor();

      const bea = await open('bea');
      await bea.getByRole('button', { name: '# Approvers' }).click();
      await lastCard(bea).getByText('Approval needed: Acme GmbH (acme-001)').waitFor();
      await bea.screenshot({ path: new URL('approval-card.png', OUT).pathname });
      await lastCard(bea).getByLabel('Comment (optional)').fill('Credit check passed');
      await lastCard(bea).getByRole('button', { name: 'Approve' }).click();
      await bea.getByText('✅ Approved: Acme GmbH (acme-001) (1 of 1).').waitFor();

      await alice.getByText('Acme GmbH is provisioned').waitFor({ timeout: 20_000 });
      await alice.screenshot({ path: new URL('customer-provisioned.png', OUT).pathname });
      expect(h.sandbox.wholesale.customers).toHaveLength(1);

      const oscar = await open('oscar');
      await say(oscar, 'status acme');
      await lastCard(oscar).getByText('Acme GmbH').first().waitFor();
      await lastCard(oscar).getByText('provisioned', { exact: true }).first().waitFor();
      await oscar.screenshot({ path: new URL('status.png', OUT).pathname });
      await waitFor('the status card', () => h.botMessages('direct-oscar').some((m) => m.attachments));
    },
  );

  it('shows an error from the sandbox instead of swallowing it', async () => {
    const page = await open('alice');
    h.sandbox.faults.add({
      method: 'POST',
      path: '/messages',
      personEmail: 'alice@partner.example',
      status: 503,
      times: 1,
    });
    await say(page, 'help');
    await page.getByRole('alert').getByText('503').waitFor();
  });
});
