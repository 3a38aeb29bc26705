import { describe, expect, it } from 'vitest';
import { readFrame } from '../../bot/websocket/mercury-frame.ts';
import { MAX_RECONNECT_DELAY_MS, reconnectDelay } from '../../bot/websocket/reconnect-delay.ts';
import { decodeRestId, restIdLike, restLookupUrl } from '../../bot/websocket/rest-ids.ts';

const conversations = 'https://conv-a.wbx2.com/conversation/api/v1/conversations';
const frame = (activity: Record<string, unknown>, eventType = 'conversation.activity') =>
  JSON.stringify({ id: 'frame-1', data: { eventType, activity } });
const post = {
  id: 'a1b2',
  verb: 'post',
  actor: { id: 'person-uuid' },
  target: { id: 'room-uuid', url: `${conversations}/room-uuid` },
};

describe('reading a websocket frame', () => {
  it('reads a message and a card submit, with what the REST lookup needs', () => {
    expect(readFrame(frame(post))).toEqual({
      kind: 'activity',
      activity: {
        frameId: 'frame-1',
        verb: 'post',
        activityId: 'a1b2',
        actorId: 'person-uuid',
        targetId: 'room-uuid',
        targetUrl: `${conversations}/room-uuid`,
      },
    });
    expect(readFrame(frame({ ...post, verb: 'cardAction' }))).toMatchObject({ activity: { verb: 'cardAction' } });
  });

  it('reads a person added to or removed from a space, with who it was', () => {
    const add = {
      ...post,
      verb: 'add',
      object: { objectType: 'person', id: 'bot-uuid' },
      published: '2026-01-01T00:00:00Z',
    };
    expect(readFrame(frame(add))).toMatchObject({
      activity: { verb: 'add', objectId: 'bot-uuid', published: '2026-01-01T00:00:00Z' },
    });
    expect(readFrame(frame({ ...add, verb: 'leave' }))).toMatchObject({ activity: { verb: 'leave' } });
    expect(readFrame(frame({ ...post, verb: 'add' }))).toMatchObject({ kind: 'ignore', why: 'add without a person' });
  });

  it('reads a message with a file (share), and its update only once every file is scanned safe, as that share', () => {
    const files = (state?: string) => ({
      items: [{ objectType: 'file', displayName: 'users.csv', ...(state ? { malwareQuarantineState: state } : {}) }],
    });
    const share = { ...post, verb: 'share', object: { objectType: 'content', files: files() } };
    expect(readFrame(frame(share))).toMatchObject({ activity: { verb: 'share', activityId: 'a1b2' } });
    const update = {
      ...post,
      id: 'u9',
      verb: 'update',
      object: { objectType: 'content', id: 'a1b2', contentCategory: 'documents', files: files('safe') },
    };
    // The update's REST id is its share's: the lookup asks for the share's activity.
    expect(readFrame(frame(update))).toMatchObject({ activity: { verb: 'update', activityId: 'a1b2' } });
    for (const object of [
      { ...update.object, files: files('scanning') },
      { ...update.object, files: files() },
      { ...update.object, files: { items: [] } },
      { ...update.object, id: undefined },
      { objectType: 'conversation', id: 'room-uuid' },
    ])
      expect(readFrame(frame({ ...update, object }))).toEqual({
        kind: 'ignore',
        frameId: 'frame-1',
        why: 'update without safely scanned files',
      });
  });

  it('reads a space made with people in it (create): the conversation, its participants, and whether it is 1:1', () => {
    const create = {
      id: 'c1',
      verb: 'create',
      actor: { id: 'person-uuid' },
      object: {
        objectType: 'conversation',
        id: 'room-uuid',
        url: `${conversations}/room-uuid`,
        tags: ['ONE_ON_ONE'],
        participants: { items: [{ entryUUID: 'person-uuid' }, { entryUUID: 'bot-uuid' }] },
      },
    };
    expect(readFrame(frame(create))).toMatchObject({
      activity: {
        verb: 'create',
        targetId: 'room-uuid',
        targetUrl: `${conversations}/room-uuid`,
        participantIds: ['person-uuid', 'bot-uuid'],
        direct: true,
      },
    });
    expect(readFrame(frame({ ...create, object: { ...create.object, tags: [] } }))).toMatchObject({
      activity: { direct: false },
    });
    expect(readFrame(frame({ ...create, object: { ...create.object, participants: undefined } }))).toMatchObject({
      kind: 'ignore',
    });
  });

  it('ignores, but can acknowledge, other verbs and event types', () => {
    expect(readFrame(frame({ ...post, verb: 'acknowledge' }))).toEqual({
      kind: 'ignore',
      frameId: 'frame-1',
      why: 'verb acknowledge',
    });
    expect(readFrame(frame(post, 'status.start_typing'))).toMatchObject({ kind: 'ignore', frameId: 'frame-1' });
    expect(readFrame(frame({ id: 'x', verb: 'post' }))).toMatchObject({ kind: 'ignore' });
  });

  it('calls text that is no frame unreadable', () => {
    expect(readFrame('not json')).toEqual({ kind: 'unreadable', why: 'not JSON' });
    expect(readFrame('{"data":{}}')).toEqual({ kind: 'unreadable', why: 'no frame id' });
  });
});

describe('an activity’s REST id', () => {
  it('is asked for where the target’s conversation was, under messages or attachment/actions', () => {
    expect(restLookupUrl({ verb: 'post', activityId: 'a1b2', targetId: 'room-uuid', targetUrl: post.target.url })).toBe(
      'https://conv-a.wbx2.com/conversation/api/v1/messages/a1b2',
    );
    expect(
      restLookupUrl({ verb: 'cardAction', activityId: 'c3', targetId: 'room-uuid', targetUrl: post.target.url }),
    ).toBe('https://conv-a.wbx2.com/conversation/api/v1/attachment/actions/c3');
  });

  it('is not guessed when the target URL does not end in the target', () => {
    expect(
      restLookupUrl({ verb: 'post', activityId: 'a', targetId: 'room-uuid', targetUrl: `${conversations}/other` }),
    ).toBeUndefined();
  });

  it('names the cluster that the space and the author ids take', () => {
    const message = Buffer.from('ciscospark://eu/MESSAGE/m-uuid').toString('base64url');
    expect(decodeRestId(message)).toEqual({ cluster: 'eu', kind: 'MESSAGE', uuid: 'm-uuid' });
    expect(Buffer.from(restIdLike(message, 'ROOM', 'r-uuid')!, 'base64url').toString()).toBe(
      'ciscospark://eu/ROOM/r-uuid',
    );
    expect(restIdLike('not-an-id', 'ROOM', 'r')).toBeUndefined();
  });
});

describe('the wait before reconnecting', () => {
  it('grows exponentially with jitter and never passes 30 s', () => {
    const low = () => 0;
    const high = () => 1;
    expect(reconnectDelay(1, low, 500)).toBe(250);
    expect(reconnectDelay(1, high, 500)).toBe(500);
    expect(reconnectDelay(4, high, 500)).toBe(4000);
    for (let attempt = 1; attempt < 40; attempt++)
      expect(reconnectDelay(attempt, Math.random, 500)).toBeLessThanOrEqual(MAX_RECONNECT_DELAY_MS);
    expect(reconnectDelay(30, low, 500)).toBe(MAX_RECONNECT_DELAY_MS / 2);
  });
});
