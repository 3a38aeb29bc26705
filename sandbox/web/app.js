// The sandbox's chat page: plain DOM, polling, Adaptive Cards rendered by Microsoft's renderer.
/* global AdaptiveCards */
const state = { people: [], rooms: [], me: null, room: null, seen: new Set(), bot: null };
const $ = (id) => document.getElementById(id);

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

async function call(path, options = {}) {
  const response = await fetch(path, options);
  if (!response.ok) {
    const text = await response.text();
    let message = text;
    try {
      message = JSON.parse(text).message || text;
    } catch {
      /* not JSON */
    }
    throw new Error(`${options.method || 'GET'} ${path}: ${response.status} ${message}`);
  }
  return response.status === 204 ? null : response.json();
}

const api = (path, body) =>
  call(`/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${state.me.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

function hostConfig() {
  return new AdaptiveCards.HostConfig({
    fontFamily: 'system-ui, sans-serif',
    actions: { maxActions: 5, actionsOrientation: 'horizontal', buttonSpacing: 8, showCard: { actionMode: 'inline' } },
    containerStyles: {
      default: {
        foregroundColors: {
          attention: { default: '#b3261e' },
          warning: { default: '#8a5a00' },
          good: { default: '#1e6b2d' },
        },
      },
    },
  });
}

/** Markdown as Webex shows it, enough of it: bold, code, line breaks; everything else as text. */
function markdownToHtml(text) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\n/g, '<br>');
}

// Webex renders markdown in card text; so does this page, with the same small subset.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

function renderMessage(message) {
  const li = document.createElement('li');
  const author = state.people.find((p) => p.id === message.personId);
  li.className = `${message.personId === state.me.id ? 'mine' : ''} ${message.parentId ? 'reply' : ''}`;
  li.dataset.messageId = message.id;
  const who = document.createElement('div');
  who.className = 'author';
  who.textContent = author ? author.displayName : message.personEmail;
  li.append(who);
  const content = message.attachments && message.attachments[0] && message.attachments[0].content;
  if (content) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig();
    card.onExecuteAction = (action) => {
      if (action instanceof AdaptiveCards.SubmitAction)
        submitCard(message, action.data).catch((e) => showError(e.message));
      else if (action instanceof AdaptiveCards.OpenUrlAction) window.open(action.url, '_blank', 'noopener');
    };
    card.parse(content);
    const box = document.createElement('div');
    box.className = 'card';
    box.append(card.render());
    li.append(box);
  } else {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.innerHTML = markdownToHtml(message.markdown || message.text || '');
    if (message.files && message.files.length)
      bubble.append(document.createTextNode(`\n📎 ${message.files.length} file`));
    li.append(bubble);
  }
  return li;
}

async function submitCard(message, data) {
  showError('');
  await api('/attachment/actions', { type: 'submit', messageId: message.id, inputs: data });
}

async function refresh() {
  if (!state.room) return;
  try {
    const { items } = await call(`/_sandbox/rooms/${state.room.key}/messages`);
    const timeline = $('timeline');
    let added = false;
    for (const message of items) {
      if (state.seen.has(message.id)) continue;
      state.seen.add(message.id);
      timeline.append(renderMessage(message));
      added = true;
    }
    if (added) timeline.scrollTop = timeline.scrollHeight;
  } catch (error) {
    showError(error.message);
  }
}

function openRoom(room) {
  state.room = room;
  state.seen = new Set();
  $('timeline').replaceChildren();
  $('room-title').textContent = room.type === 'direct' ? 'Onboarding Bot' : room.title;
  $('mention-label').hidden = room.type !== 'group';
  for (const button of document.querySelectorAll('#rooms button'))
    button.setAttribute('aria-current', String(button.dataset.key === room.key));
  refresh();
  $('text').focus();
}

function renderRooms() {
  const list = $('rooms');
  list.replaceChildren();
  const mine = state.rooms.filter((r) => r.members.includes(state.me.key));
  for (const room of mine) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.key = room.key;
    button.textContent = `${room.type === 'group' ? '# ' : ''}${room.type === 'direct' ? 'Onboarding Bot' : room.title}`;
    button.addEventListener('click', () => openRoom(room));
    li.append(button);
    list.append(li);
  }
  const direct = mine.find((r) => r.type === 'direct');
  if (direct) openRoom(direct);
}

async function send(event) {
  event.preventDefault();
  showError('');
  const text = $('text').value.trim();
  const file = $('file').files[0];
  if (!text && !file) return;
  try {
    let files;
    if (file) {
      const { url } = await call('/_sandbox/files', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: file.name, type: file.type || 'text/csv', content: await file.text() }),
      });
      files = [url];
    }
    const mention =
      state.room.type === 'group' && $('mention').checked
        ? `<@personId:${state.bot.id}|${state.bot.displayName}> `
        : '';
    await api('/messages', { roomId: state.room.id, markdown: `${mention}${text}`, ...(files ? { files } : {}) });
    $('text').value = '';
    $('file').value = '';
    refresh();
  } catch (error) {
    showError(error.message);
  }
}

async function start() {
  try {
    state.people = (await call('/_sandbox/people')).items;
    state.rooms = (await call('/_sandbox/rooms')).items;
  } catch (error) {
    showError(error.message);
    return;
  }
  state.bot = state.people.find((p) => p.type === 'bot');
  const select = $('persona');
  for (const person of state.people.filter((p) => p.type !== 'bot')) {
    const option = document.createElement('option');
    option.value = person.key;
    option.textContent = `${person.displayName} (${person.role})`;
    select.append(option);
  }
  const wanted = new URLSearchParams(location.search).get('as');
  if (wanted) select.value = wanted;
  const choose = () => {
    state.me = state.people.find((p) => p.key === select.value);
    renderRooms();
  };
  select.addEventListener('change', choose);
  $('compose').addEventListener('submit', send);
  choose();
  setInterval(refresh, 500);
}

start();
