import type {
  SandboxAttachmentAction,
  SandboxMembership,
  SandboxMessage,
  SandboxPerson,
  SandboxRoom,
  SandboxState,
  SandboxWebhook,
} from './sandbox-state.ts';

/** Spec-shaped views of sandbox records: only the fields the official schemas name. */
export function presentPerson(p: SandboxPerson) {
  return {
    id: p.id,
    emails: [...p.emails],
    displayName: p.displayName,
    nickName: p.firstName,
    firstName: p.firstName,
    lastName: p.lastName,
    orgId: p.orgId,
    created: p.created,
    type: p.type,
  };
}

export function presentRoom(r: SandboxRoom) {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    isLocked: false,
    lastActivity: r.lastActivity,
    creatorId: r.creatorId,
    created: r.created,
  };
}

export function presentMembership(state: SandboxState, m: SandboxMembership) {
  const person = state.personById(m.personId);
  const room = state.room(m.roomId);
  return {
    id: m.id,
    roomId: m.roomId,
    personId: m.personId,
    personEmail: person?.emails[0] ?? '',
    personDisplayName: person?.displayName ?? '',
    personOrgId: person?.orgId ?? '',
    isModerator: m.isModerator,
    isMonitor: false,
    roomType: room?.type ?? 'group',
    created: m.created,
  };
}

function messageCommon(state: SandboxState, m: SandboxMessage) {
  const room = state.room(m.roomId);
  return {
    id: m.id,
    roomId: m.roomId,
    roomType: room?.type ?? 'group',
    text: m.text,
    ...(m.markdown !== undefined ? { markdown: m.markdown } : {}),
    ...(m.files ? { files: [...m.files] } : {}),
    ...(m.attachments ? { attachments: m.attachments.map((a) => ({ ...a })) } : {}),
    personId: m.personId,
    personEmail: state.personById(m.personId)?.emails[0] ?? '',
    ...(m.mentionedPeople.length > 0 ? { mentionedPeople: [...m.mentionedPeople] } : {}),
    ...(m.mentionedGroups.length > 0 ? { mentionedGroups: [...m.mentionedGroups] } : {}),
    created: m.created,
  };
}

/** The answer to POST /messages (schema `Message`). */
export function presentCreatedMessage(state: SandboxState, m: SandboxMessage) {
  return messageCommon(state, m);
}

/** GET /messages and GET /messages/{id} (schema `ListMessage`). */
export function presentMessage(state: SandboxState, m: SandboxMessage) {
  return {
    ...messageCommon(state, m),
    ...(m.parentId ? { parentId: m.parentId } : {}),
    ...(m.html !== undefined ? { html: m.html } : {}),
  };
}

export function presentAction(a: SandboxAttachmentAction) {
  return {
    id: a.id,
    type: a.type,
    messageId: a.messageId,
    inputs: { ...a.inputs },
    personId: a.personId,
    roomId: a.roomId,
    created: a.created,
  };
}

export function presentWebhook(w: SandboxWebhook) {
  return {
    id: w.id,
    name: w.name,
    targetUrl: w.targetUrl,
    resource: w.resource,
    event: w.event,
    ...(w.filter ? { filter: w.filter } : {}),
    ...(w.secret ? { secret: w.secret } : {}),
    status: w.status,
    created: w.created,
    ownedBy: 'creator',
  };
}
