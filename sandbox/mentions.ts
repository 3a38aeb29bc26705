import type { SandboxPerson } from './sandbox-state.ts';

const mentionTag = /<@(personId|personEmail):([^|>]+)(?:\|([^>]*))?>|<@all>/g;

export interface RenderedMarkdown {
  readonly text: string;
  readonly html: string;
  readonly mentionedPeople: string[];
  readonly mentionedGroups: string[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Renders Webex markdown the way Webex stores it: `<@personId:ID|Name>` and
 * `<@personEmail:EMAIL|Name>` become mentions (the name goes into `text`, a `spark-mention` tag
 * into `html`), `<@all>` mentions the group. Only the marks needed to read the text are stripped.
 */
export function renderMarkdown(
  markdown: string,
  findPerson: (kind: 'personId' | 'personEmail', value: string) => SandboxPerson | undefined,
): RenderedMarkdown {
  const mentionedPeople: string[] = [];
  const mentionedGroups: string[] = [];
  let text = '';
  let html = '';
  let last = 0;
  for (const match of markdown.matchAll(mentionTag)) {
    const before = markdown.slice(last, match.index);
    text += before;
    html += escapeHtml(before);
    last = match.index + match[0].length;
    if (match[0] === '<@all>') {
      mentionedGroups.push('all');
      text += 'All';
      html += '<spark-mention data-object-type="groupMention" data-group-type="all">All</spark-mention>';
      continue;
    }
    const person = findPerson(match[1] as 'personId' | 'personEmail', match[2]!.trim());
    const name = match[3]?.trim() || person?.displayName || match[2]!;
    text += name;
    if (person) {
      if (!mentionedPeople.includes(person.id)) mentionedPeople.push(person.id);
      html += `<spark-mention data-object-type="person" data-object-id="${escapeHtml(person.id)}">${escapeHtml(name)}</spark-mention>`;
    } else {
      html += escapeHtml(name);
    }
  }
  text += markdown.slice(last);
  html += escapeHtml(markdown.slice(last));
  const plain = text.replace(/\*\*|__|`/g, '');
  return { text: plain, html: `<p>${html}</p>`, mentionedPeople, mentionedGroups };
}
