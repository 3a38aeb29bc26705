import type { Message, Person } from '../../webex/messaging-schemas.ts';

const mentionTag = /<spark-mention[^>]*data-object-id="([^"]+)"[^>]*>([\s\S]*?)<\/spark-mention>/g;

/**
 * The command text of a message, without the bot's @mention. In a group space Webex puts the
 * mention's display text into `text` (e.g. "Onboarding Bot help"); `html` says which words it was.
 */
export function stripMention(
  message: Pick<Message, 'text' | 'html' | 'roomType'>,
  bot: Pick<Person, 'id' | 'displayName'>,
): string {
  let text = message.text ?? '';
  const names = new Set<string>();
  for (const match of (message.html ?? '').matchAll(mentionTag)) {
    if (match[1] === bot.id && match[2]) names.add(match[2].trim());
  }
  if (message.roomType === 'group' && bot.displayName) {
    names.add(bot.displayName);
    const first = bot.displayName.split(/\s+/)[0];
    if (first) names.add(first);
  }
  const longestFirst = [...names].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const name of longestFirst) {
    const at = text.indexOf(name);
    if (at !== -1) {
      text = `${text.slice(0, at)} ${text.slice(at + name.length)}`;
      break;
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}
