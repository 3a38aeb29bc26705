/**
 * A link that opens a Webex space in the Webex app. Room ids are base64 of
 * `ciscospark://us/ROOM/<uuid>`; the app's `webexteams://im?space=` link takes the uuid.
 */
export function spaceLink(roomId: string): string {
  const decoded = Buffer.from(roomId, 'base64url').toString('utf8');
  const uuid = /\/ROOM\/([0-9a-f-]{36})$/i.exec(decoded)?.[1];
  return uuid ? `webexteams://im?space=${uuid}` : roomId;
}
