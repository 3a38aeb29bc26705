import { activityVerbs, type Activity } from './mercury-frame.ts';

/**
 * Where to ask for an activity's REST id: the conversation's URL with `conversations/<target id>`
 * replaced by `messages/<activity id>` (or `attachment/actions/<activity id>` for a card submit).
 * Undefined when the URL does not end in the target, which no well-formed activity does.
 */
export function restLookupUrl(activity: Pick<Activity, 'verb' | 'activityId' | 'targetId' | 'targetUrl'>) {
  const path = activityVerbs[activity.verb].path;
  if (!path) return undefined;
  const tail = `conversations/${activity.targetId}`;
  const at = activity.targetUrl.lastIndexOf(tail);
  if (at === -1 || at + tail.length !== activity.targetUrl.replace(/\/+$/, '').length) return undefined;
  return `${activity.targetUrl.slice(0, at)}${path}/${encodeURIComponent(activity.activityId)}`;
}

/** A REST id's parts: Webex's REST ids are base64 of `ciscospark://<cluster>/<KIND>/<uuid>`. */
export function decodeRestId(id: string): { readonly cluster: string; readonly kind: string; readonly uuid: string } {
  const match = /^ciscospark:\/\/([^/]+)\/([A-Z_]+)\/(.+)$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  if (!match) return { cluster: '', kind: '', uuid: '' };
  return { cluster: match[1]!, kind: match[2]!, uuid: match[3]! };
}

/** The REST id of a thing of `kind` with this uuid in the cluster another REST id names. */
export function restIdLike(sibling: string, kind: 'ROOM' | 'PEOPLE' | 'MEMBERSHIP', uuid: string): string | undefined {
  const { cluster } = decodeRestId(sibling);
  return cluster ? Buffer.from(`ciscospark://${cluster}/${kind}/${uuid}`).toString('base64url') : undefined;
}
