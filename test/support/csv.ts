import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { postAs } from './harness.ts';

/** A users CSV with `count` valid rows (Webex Calling with a number at `location`), numbered from `from`. */
export function usersCsv(count: number, location: string, from = 0): string[] {
  const rows = ['firstName,lastName,email,package,location,phoneNumber,extension'];
  for (let i = from; i < from + count; i++)
    rows.push(`User,No${i},user${i}@acme.example,webex_calling,${location},+4930${String(1000000 + i)},`);
  return rows;
}

/**
 * Attaches a file to a message, as a person does in Webex: upload, then post with `files`.
 * `scan` sets how Webex's malware scan of the file goes (its duration, or that it cannot scan it).
 */
export async function postWithFile(
  sandbox: RunningSandbox,
  personKey: string,
  roomKey: string,
  markdown: string,
  name: string,
  content: string,
  scan: { readonly scanMs?: number; readonly unscannable?: boolean } = {},
): Promise<void> {
  const upload = await fetch(`${sandbox.url}/_sandbox/files`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, type: 'text/csv', content, ...scan }),
  });
  const { url } = (await upload.json()) as { url: string };
  const response = await postAs(sandbox, sandbox.state.personByKey(personKey), {
    roomId: sandbox.state.roomByKey(roomKey).id,
    markdown,
    files: [url],
  });
  if (!response.ok) throw new Error(`posting failed: ${response.status} ${await response.text()}`);
}
