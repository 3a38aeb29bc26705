import express, { type Router } from 'express';
import { z } from 'zod';
import { webexId } from './ids.ts';
import { presentMembership } from './present.ts';
import type { SandboxRoom, SandboxState } from './sandbox-state.ts';
import type { WebhookDelivery } from './webhook-delivery.ts';

const newRoom = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  by: z.string().min(1),
  /** The space is made with the bot in it, as a person does by naming the bot among its first members. */
  withBot: z.boolean().optional(),
});
const byPerson = z.object({ by: z.string().min(1) });

/**
 * Control routes that add the bot to a space and remove it, as a member of the space does in a
 * Webex client: `memberships/created` and `memberships/deleted` go out to the webhooks (and the
 * websocket) of everyone in the space, the bot included.
 */
export function membershipControl(state: SandboxState, delivery: WebhookDelivery): Router {
  const router = express.Router();
  router.use(express.json());
  const roomOf = (key: string): SandboxRoom | undefined => state.rooms.find((r) => r.key === key || r.id === key);

  router.post('/rooms', (req, res) => {
    const parsed = newRoom.safeParse(req.body);
    if (!parsed.success)
      return void res
        .status(400)
        .json({ message: 'key (a-z, 0-9, -), title and by (a person key); withBot true to make it with the bot' });
    const by = state.people.find((p) => p.key === parsed.data.by);
    if (!by) return void res.status(404).json({ message: `no person ${parsed.data.by}` });
    if (roomOf(parsed.data.key)) return void res.status(409).json({ message: `a space ${parsed.data.key} exists` });
    const room: SandboxRoom = {
      id: webexId('ROOM'),
      key: parsed.data.key,
      title: parsed.data.title,
      type: 'group',
      creatorId: by.id,
      created: state.now(),
      lastActivity: state.now(),
    };
    state.rooms.push(room);
    state.addMember(room, by);
    if (parsed.data.withBot) {
      state.addMember(room, state.bot);
      // Made with its members: a membership each for the webhooks, one `create` for the websocket.
      for (const member of state.membersOf(room.id))
        delivery.publish(
          'memberships',
          'created',
          presentMembership(state, member),
          by.id,
          (owner) => state.isMember(room.id, owner.id),
          'new',
        );
    }
    res.status(201).json({ key: room.key, id: room.id });
  });

  router.post('/rooms/:key/bot', (req, res) => {
    const room = roomOf(req.params.key);
    const by = byPerson.safeParse(req.body);
    const actor = by.success ? state.people.find((p) => p.key === by.data.by) : undefined;
    if (!room || !actor) return void res.status(404).json({ message: 'no such space or person (by)' });
    if (room.type !== 'group') return void res.status(400).json({ message: 'a bot is added to group spaces only' });
    if (!state.isMember(room.id, actor.id)) return void res.status(403).json({ message: `${actor.key} is not in it` });
    if (state.isMember(room.id, state.bot.id))
      return void res.status(409).json({ message: 'the bot is in it already' });
    const membership = presentMembership(state, state.addMember(room, state.bot));
    delivery.publish('memberships', 'created', membership, actor.id, (owner) => state.isMember(room.id, owner.id));
    res.status(201).json(membership);
  });

  router.delete('/rooms/:key/bot', (req, res) => {
    const room = roomOf(req.params.key);
    const actor = state.people.find((p) => p.key === req.query.by);
    if (!room || !actor) return void res.status(404).json({ message: 'no such space or person (?by=)' });
    if (!state.isMember(room.id, actor.id)) return void res.status(403).json({ message: `${actor.key} is not in it` });
    const removed = state.removeMember(room.id, state.bot.id);
    if (!removed) return void res.status(404).json({ message: 'the bot is not in it' });
    const membership = { ...presentMembership(state, removed), created: state.now() };
    delivery.publish(
      'memberships',
      'deleted',
      membership,
      actor.id,
      (owner) => owner.id === removed.personId || state.isMember(room.id, owner.id),
    );
    res.status(204).end();
  });
  return router;
}
