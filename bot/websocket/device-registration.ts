import { z } from 'zod';
import type { HttpClient } from '../../webex/http-client.ts';

const deviceSchema = z
  .object({
    /** The device's own URL at the device service (to delete it). */
    url: z.url(),
    name: z.string().optional(),
    webSocketUrl: z.url({ protocol: /^wss?$/ }),
  })
  .loose();
export type Device = z.infer<typeof deviceSchema>;

/** What the bot tells the device service about itself; `name` is how it finds its device again after a restart. */
function deviceDescription(name: string) {
  return {
    deviceName: name,
    deviceType: 'DESKTOP',
    localizedModel: 'nodejs',
    model: 'nodejs',
    name,
    systemName: 'wholesale-onboarding-bot',
    systemVersion: '1.0',
  } as const;
}

/**
 * The bot's device at the device service (WDM): the one registered under `name` by an earlier
 * run, or a new one. `fresh` skips the reuse: after repeated failures the old device may be what
 * is wrong, so the bot deletes it and registers another.
 */
export async function findOrRegisterDevice(
  devices: HttpClient,
  name: string,
  options: { readonly fresh?: boolean } = {},
): Promise<{ readonly device: Device; readonly registered: boolean }> {
  const { devices: existing } = await devices.request('GET', '/devices', {
    schema: z.object({ devices: z.array(z.unknown()).default([]) }),
  });
  const ours = existing.flatMap((d) => {
    const parsed = deviceSchema.safeParse(d);
    return parsed.success && parsed.data.name === name ? [parsed.data] : [];
  });
  if (!options.fresh && ours[0]) return { device: ours[0], registered: false };
  for (const old of ours) await devices.request('DELETE', old.url);
  const device = await devices.request('POST', '/devices', { body: deviceDescription(name), schema: deviceSchema });
  return { device, registered: true };
}
