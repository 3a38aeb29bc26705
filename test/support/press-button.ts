import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';

/**
 * Presses a card's button as a seeded person does in Webex: the button whose data holds every
 * key and value of `match`, with the card's inputs, through the sandbox's attachment-actions API.
 */
export async function pressButton(
  sandbox: RunningSandbox,
  personKey: string,
  card: SandboxMessage,
  match: Record<string, string>,
  inputs: Record<string, string> = {},
): Promise<Response> {
  const actions = (card.attachments?.[0]?.content.actions ?? []) as { data?: Record<string, string> }[];
  const button = actions.find((a) => a.data && Object.entries(match).every(([k, v]) => a.data![k] === v));
  if (!button?.data) throw new Error(`the card has no button matching ${JSON.stringify(match)}`);
  return fetch(`${sandbox.apiUrl}/attachment/actions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sandbox.state.personByKey(personKey).token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ type: 'submit', messageId: card.id, inputs: { ...inputs, ...button.data } }),
  });
}
