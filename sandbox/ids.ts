import { randomUUID } from 'node:crypto';

export type IdKind =
  'PEOPLE' | 'ROOM' | 'MEMBERSHIP' | 'MESSAGE' | 'ATTACHMENT_ACTION' | 'WEBHOOK' | 'ORGANIZATION' | 'ROLE' | 'LICENSE';

/** Webex ids are base64url of `ciscospark://us/KIND/uuid`, without padding. */
export function webexId(kind: IdKind, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64url');
}

export function trackingId(): string {
  return `SANDBOX_${randomUUID()}`;
}

/** The uuid inside a Webex id (what the websocket's activities name things by). */
export function uuidOf(id: string): string {
  return /^ciscospark:\/\/[^/]+\/[A-Z_]+\/(.+)$/.exec(Buffer.from(id, 'base64url').toString('utf8'))?.[1] ?? '';
}
