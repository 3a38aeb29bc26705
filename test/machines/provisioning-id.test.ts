import { describe, expect, it } from 'vitest';
import { isProvisioningId } from '../../machines/template/template-fields.ts';

const uuid = 'f5b36187-c8dd-4727-8b2f-f9c447f29046';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('Provisioning IDs', () => {
  it.each([
    ['the Wholesale spec’s example', 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2'],
    ['base64 of a UUID, URL-safe', b64url(uuid)],
    ['base64 of a Webex resource URI', b64(`ciscospark://us/PROVISIONING_TEMPLATE/${uuid}`)],
    ['the same, URL-safe and unpadded', b64url(`ciscospark://eu/TEMPLATE/${uuid}`)],
  ])('accepts %s', (_, id) => {
    expect(isProvisioningId(id)).toBe(true);
  });

  it.each([
    ['a UUID as it is', uuid],
    ['base64 of something else', b64('not a template id, just some words here')],
    ['a URI around no UUID', b64('ciscospark://us/PROVISIONING_TEMPLATE/12345678')],
    ['too short', 'ZjViMzYx'],
    ['a space inside', 'ZjViMzYxODctYzhk ZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2'],
  ])('refuses %s', (_, id) => {
    expect(isProvisioningId(id)).toBe(false);
  });
});
