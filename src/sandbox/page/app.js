// The sandbox's Slack client: polls /api/state for what the picked person sees, draws it (Block Kit
// included) with DOM calls and textContent only, and posts what they do to /api/*. No framework.

const $ = (id) => document.getElementById(id);
const ui = {
  me: localStorage.getItem('punchcard.me') || 'UNORA',
  conversation: null,
  tab: 'messages',
  data: null,
  lastItems: '',
  lastModal: '',
  lastHome: '',
  errors: {},
};

// ----- talking to the sandbox ----------------------------------------------------------------------

async function api(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: ui.me, ...body }),
  });
  const answer = await res.json();
  if (!res.ok || answer.ok === false) {
    if (answer.errors) return answer;
    throw new Error(answer.error || `HTTP ${res.status}`);
  }
  return answer;
}

function showError(error) {
  $('error').textContent = error ? String(error.message || error) : '';
}

async function refresh() {
  const conversation = ui.conversation || `D${ui.me}`;
  const res = await fetch(
    `/api/state?user=${encodeURIComponent(ui.me)}&conversation=${encodeURIComponent(conversation)}`,
  );
  if (!res.ok) return;
  ui.data = await res.json();
  render();
}

/** Polls quickly for a moment after the person did something, then settles back to once a second. */
function soon() {
  for (const ms of [150, 400, 800, 1500]) setTimeout(() => refresh().catch(showError), ms);
}

async function act(surface, actionId, selection, container) {
  showError(null);
  try {
    await api('/api/action', { surface, actionId, selection, stateValues: collect(container) });
  } catch (error) {
    showError(error);
  }
  soon();
}

// ----- mrkdwn -------------------------------------------------------------------------------------

const EMOJI = {
  rotating_light: '🚨',
  white_check_mark: '✅',
  warning: '⚠️',
  calendar: '📅',
  spiral_calendar_pad: '🗓️',
  clock1: '🕐',
  hourglass_flowing_sand: '⏳',
  chart_with_upwards_trend: '📈',
  bar_chart: '📊',
  moneybag: '💰',
  tada: '🎉',
  memo: '📝',
  x: '❌',
  no_entry: '⛔',
  bell: '🔔',
  wave: '👋',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  red_circle: '🔴',
  white_circle: '⚪',
  heavy_check_mark: '✔️',
  construction: '🚧',
  inbox_tray: '📥',
  page_facing_up: '📄',
  zzz: '💤',
  palm_tree: '🌴',
  stopwatch: '⏱️',
  pushpin: '📌',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
};

function decode(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] || all);
}

function personName(id) {
  const p = ui.data?.people.find((x) => x.id === id);
  return p ? p.real_name : id;
}

function channelName(id) {
  return ui.data?.channels.find((c) => c.id === id)?.name || id;
}

/** `<…>` in Slack text: a link, a mention of a person or channel, a special mention or a date. */
function special(inner) {
  const [target, label] = inner.split('|');
  const span = document.createElement('span');
  span.className = 'mention';
  if (target.startsWith('@')) span.textContent = `@${label || personName(target.slice(1))}`;
  else if (target.startsWith('#')) span.textContent = `#${label || channelName(target.slice(1))}`;
  else if (target.startsWith('!subteam^')) span.textContent = `@${label || 'group'}`;
  else if (target.startsWith('!date^')) return document.createTextNode(decode(label || ''));
  else if (target.startsWith('!')) span.textContent = `@${target.slice(1)}`;
  else {
    const a = document.createElement('a');
    const url = decode(target);
    if (/^(https?:|mailto:)/i.test(url)) a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = decode(label || target);
    return a;
  }
  return span;
}

const INLINE = /(<[^<>\n]+>)|(`[^`\n]+`)|(\*[^*\n]+\*)|(_[^_\n]+_)|(~[^~\n]+~)|(:[a-z0-9_+-]+:)/;

/** Inline mrkdwn into `parent`: links and mentions, `code`, *bold*, _italic_, ~strike~, :emoji:. */
function inline(parent, text) {
  let rest = text;
  while (rest.length > 0) {
    const m = INLINE.exec(rest);
    if (!m) {
      parent.append(document.createTextNode(decode(rest)));
      return;
    }
    if (m.index > 0) parent.append(document.createTextNode(decode(rest.slice(0, m.index))));
    const token = m[0];
    const inner = token.slice(1, -1);
    if (m[6]) parent.append(document.createTextNode(emojify(token)));
    else if (m[1]) parent.append(special(inner));
    else if (m[2]) {
      const code = document.createElement('code');
      code.textContent = decode(inner);
      parent.append(code);
    } else {
      const el = document.createElement(m[3] ? 'strong' : m[4] ? 'em' : 's');
      inline(el, inner);
      parent.append(el);
    }
    rest = rest.slice(m.index + token.length);
  }
}

function mrkdwn(text) {
  const root = document.createElement('div');
  root.className = 'mrkdwn';
  const parts = String(text).split('```');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const pre = document.createElement('pre');
      pre.textContent = decode(part.replace(/^\n/, ''));
      root.append(pre);
      return;
    }
    const lines = part.split('\n');
    lines.forEach((line, j) => {
      const quoted = /^(&gt;|>) ?/.exec(line);
      if (quoted) {
        const quote = document.createElement('blockquote');
        inline(quote, line.slice(quoted[0].length));
        root.append(quote);
        return;
      }
      inline(root, line);
      if (j < lines.length - 1) root.append(document.createElement('br'));
    });
  });
  return root;
}

function textObject(obj) {
  if (!obj) return document.createTextNode('');
  if (obj.type === 'mrkdwn') return mrkdwn(obj.text);
  const span = document.createElement('span');
  span.textContent = emojify(obj.text);
  return span;
}

const plain = (obj) => (obj ? emojify(obj.text) : '');

// ----- Block Kit elements ---------------------------------------------------------------------------

function optionList(element) {
  const groups = element.option_groups || [];
  return [...(element.options || []), ...groups.flatMap((g) => g.options || [])];
}

function selectOf(element, options, initial, placeholder) {
  const select = document.createElement('select');
  // Multiple before the options: a single select keeps only the last option marked selected.
  select.multiple = element.type.startsWith('multi_');
  if (!select.multiple) {
    const none = document.createElement('option');
    none.value = '';
    none.textContent = placeholder || plain(element.placeholder) || 'Choose…';
    select.append(none);
  }
  for (const o of options) {
    const opt = document.createElement('option');
    opt.value = o.value;
    opt.textContent = o.text;
    if (initial.includes(o.value)) opt.selected = true;
    select.append(opt);
  }
  return select;
}

const peopleOptions = () => ui.data.people.map((p) => ({ value: p.id, text: p.real_name }));
const channelOptions = () => ui.data.channels.map((c) => ({ value: c.id, text: `#${c.name}` }));

/**
 * One interactive element. `onAct(selection)` is set where a choice is an action at once (messages,
 * the Home tab, actions blocks); inside a modal's input blocks values wait for Submit.
 */
function element(el, onAct) {
  const mark = (node) => {
    node.dataset.actionId = el.action_id || '';
    node.dataset.type = el.type;
    return node;
  };
  switch (el.type) {
    case 'button': {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `btn ${el.style || ''}`;
      b.textContent = plain(el.text);
      b.addEventListener('click', () => {
        if (el.confirm && !window.confirm(`${plain(el.confirm.title)}\n\n${el.confirm.text?.text || ''}`))
          return;
        if (el.url) window.open(el.url, '_blank', 'noopener');
        onAct?.({});
      });
      return b;
    }
    case 'overflow': {
      const select = selectOf(
        el,
        optionList(el).map((o) => ({ value: o.value, text: plain(o.text) })),
        [],
        '⋯',
      );
      select.setAttribute('aria-label', 'More actions');
      select.addEventListener('change', () => select.value && onAct?.({ selectedOption: select.value }));
      return mark(select);
    }
    case 'static_select':
    case 'multi_static_select': {
      const options = optionList(el).map((o) => ({ value: o.value, text: plain(o.text) }));
      const initial = [el.initial_option, ...(el.initial_options || [])].filter(Boolean).map((o) => o.value);
      const select = selectOf(el, options, initial);
      select.addEventListener('change', () =>
        onAct?.(
          select.multiple
            ? { selectedOptions: [...select.selectedOptions].map((o) => o.value) }
            : { selectedOption: select.value },
        ),
      );
      return mark(select);
    }
    case 'users_select':
    case 'multi_users_select': {
      const initial = [el.initial_user, ...(el.initial_users || [])].filter(Boolean);
      const select = selectOf(el, peopleOptions(), initial);
      select.addEventListener('change', () => !select.multiple && onAct?.({ selectedUser: select.value }));
      return mark(select);
    }
    case 'conversations_select':
    case 'channels_select': {
      const select = selectOf(
        el,
        channelOptions(),
        [el.initial_conversation || el.initial_channel].filter(Boolean),
      );
      return mark(select);
    }
    case 'datepicker': {
      const input = document.createElement('input');
      input.type = 'date';
      input.value = el.initial_date || '';
      input.addEventListener('change', () => onAct?.({ selectedDate: input.value }));
      return mark(input);
    }
    case 'timepicker': {
      const input = document.createElement('input');
      input.type = 'time';
      input.value = el.initial_time || '';
      return mark(input);
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const box = document.createElement('div');
      const initial = [el.initial_option, ...(el.initial_options || [])].filter(Boolean).map((o) => o.value);
      for (const o of el.options || []) {
        const label = document.createElement('label');
        label.style.display = 'block';
        const input = document.createElement('input');
        input.type = el.type === 'checkboxes' ? 'checkbox' : 'radio';
        input.name = `${el.action_id}-${Math.random()}`;
        input.value = o.value;
        input.checked = initial.includes(o.value);
        input.addEventListener('change', () => {
          const chosen = [...box.querySelectorAll('input:checked')].map((i) => i.value);
          onAct?.(el.type === 'checkboxes' ? { selectedOptions: chosen } : { selectedOption: input.value });
        });
        label.append(input, ' ', textObject(o.text));
        box.append(label);
      }
      return mark(box);
    }
    case 'plain_text_input':
    case 'number_input': {
      const input = document.createElement(el.multiline ? 'textarea' : 'input');
      if (!el.multiline) input.type = el.type === 'number_input' ? 'number' : 'text';
      if (el.multiline) input.rows = 4;
      input.value = el.initial_value || '';
      input.placeholder = plain(el.placeholder);
      if (el.max_length) input.maxLength = el.max_length;
      return mark(input);
    }
    case 'image': {
      const img = document.createElement('img');
      img.src = el.image_url || '';
      img.alt = el.alt_text || '';
      return img;
    }
    default: {
      const span = document.createElement('span');
      span.textContent = `[${el.type}]`;
      return span;
    }
  }
}

/** The state.values of the inputs inside `container`, as Slack sends them. */
function collect(container) {
  const values = {};
  if (!container) return values;
  for (const node of container.querySelectorAll('[data-action-id][data-block-id]')) {
    const { actionId, blockId, type } = node.dataset;
    const selected = node.tagName === 'SELECT' ? [...node.selectedOptions].filter((o) => o.value) : [];
    const option = (o) => ({ text: { type: 'plain_text', text: o.textContent }, value: o.value });
    const checked = [...node.querySelectorAll('input:checked')];
    let value;
    if (type === 'plain_text_input' || type === 'number_input')
      value = { value: node.value === '' ? null : node.value };
    else if (type === 'datepicker') value = { selected_date: node.value || null };
    else if (type === 'timepicker') value = { selected_time: node.value || null };
    else if (type === 'static_select') value = { selected_option: selected[0] ? option(selected[0]) : null };
    else if (type === 'multi_static_select') value = { selected_options: selected.map(option) };
    else if (type === 'users_select') value = { selected_user: selected[0]?.value || null };
    else if (type === 'multi_users_select') value = { selected_users: selected.map((o) => o.value) };
    else if (type === 'conversations_select') value = { selected_conversation: selected[0]?.value || null };
    else if (type === 'channels_select') value = { selected_channel: selected[0]?.value || null };
    else if (type === 'checkboxes')
      value = {
        selected_options: checked.map((i) => ({
          value: i.value,
          text: { type: 'plain_text', text: i.parentElement.textContent.trim() },
        })),
      };
    else if (type === 'radio_buttons') {
      const i = checked[0];
      value = {
        selected_option: i
          ? { value: i.value, text: { type: 'plain_text', text: i.parentElement.textContent.trim() } }
          : null,
      };
    } else continue;
    values[blockId] ??= {};
    values[blockId][actionId] = { type, ...value };
  }
  return values;
}

// ----- Block Kit blocks -----------------------------------------------------------------------------

function blocks(list, surface, container) {
  const out = document.createElement('div');
  const onAct = (el) => (selection) => act(surface, el.action_id, selection, container());
  for (const b of list || []) {
    const node = document.createElement(b.type === 'divider' ? 'hr' : 'div');
    node.className = `block ${b.type}`;
    if (b.type === 'section') {
      const row = document.createElement('div');
      row.className = 'section-row';
      const left = document.createElement('div');
      if (b.text) left.append(textObject(b.text));
      if (b.fields) {
        const fields = document.createElement('div');
        fields.className = 'fields';
        for (const f of b.fields) fields.append(textObject(f));
        left.append(fields);
      }
      row.append(left);
      if (b.accessory) {
        const acc = element(b.accessory, onAct(b.accessory));
        if (acc.dataset) acc.dataset.blockId = b.block_id || '';
        row.append(acc);
      }
      node.append(row);
    } else if (b.type === 'header') node.textContent = plain(b.text);
    else if (b.type === 'context')
      for (const el of b.elements || []) node.append(el.type === 'image' ? element(el) : textObject(el));
    else if (b.type === 'image') {
      if (b.title) node.append(textObject(b.title));
      const img = document.createElement('img');
      img.className = 'image';
      img.src = b.image_url || '';
      img.alt = b.alt_text || '';
      node.append(img);
    } else if (b.type === 'actions') {
      node.classList.add('actions');
      for (const el of b.elements || []) {
        const e = element(el, onAct(el));
        if (e.dataset) e.dataset.blockId = b.block_id || '';
        node.append(e);
      }
    } else if (b.type === 'input') {
      node.classList.add('input');
      const label = document.createElement('label');
      label.textContent = plain(b.label) + (b.optional ? ' (optional)' : '');
      const field = element(b.element, b.dispatch_action ? onAct(b.element) : null);
      field.dataset.blockId = b.block_id || '';
      field.setAttribute('aria-label', plain(b.label));
      node.append(label, field);
      if (b.hint) {
        const hint = document.createElement('div');
        hint.className = 'hint';
        hint.textContent = plain(b.hint);
        node.append(hint);
      }
      const error = ui.errors[b.block_id];
      if (error) {
        node.classList.add('has-error');
        const e = document.createElement('div');
        e.className = 'field-error';
        e.setAttribute('role', 'alert');
        e.textContent = error;
        node.append(e);
      }
    } else if (b.type === 'rich_text')
      node.append(
        mrkdwn(b.elements?.map((e) => e.elements?.map((x) => x.text || '').join('')).join('\n') || ''),
      );
    else if (b.type !== 'divider') node.textContent = `[${b.type}]`;
    out.append(node);
  }
  return out;
}

// ----- the page ----------------------------------------------------------------------------------

function when(ts) {
  const me = ui.data.people.find((p) => p.id === ui.me);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: me?.tz || 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Number.parseFloat(ts) * 1000));
}

function renderItems() {
  const key = JSON.stringify(ui.data.items);
  if (key === ui.lastItems) return;
  ui.lastItems = key;
  const box = $('items');
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
  box.replaceChildren();
  for (const item of ui.data.items) {
    const node = document.createElement('div');
    node.className = `item ${item.kind}`;
    const head = document.createElement('div');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = item.author.name;
    const at = document.createElement('span');
    at.className = 'when';
    at.textContent = when(item.ts);
    head.append(who, at);
    if (item.kind === 'ephemeral') {
      const only = document.createElement('span');
      only.className = 'only-you';
      only.textContent = ' · Only visible to you';
      head.append(only);
    }
    node.append(head);
    const surface = {
      kind: item.kind === 'ephemeral' ? 'ephemeral' : 'message',
      channel: ui.data.conversation,
      ts: item.ts,
    };
    if (item.blocks?.length) node.append(blocks(item.blocks, surface, () => node));
    else if (item.text) node.append(mrkdwn(item.text));
    if (item.file) {
      if (item.text) node.append(mrkdwn(item.text));
      const file = document.createElement('div');
      file.className = 'file';
      const a = document.createElement('a');
      a.href = `/files/${encodeURIComponent(item.file.id)}`;
      a.download = item.file.name;
      a.textContent = `📄 ${item.file.name}`;
      file.append(a, ` (${item.file.bytes} bytes)`);
      node.append(file);
    }
    box.append(node);
  }
  if (atBottom) box.scrollTop = box.scrollHeight;
}

function renderHome() {
  const home = ui.data.home;
  const key = JSON.stringify(home);
  if (key === ui.lastHome) return;
  ui.lastHome = key;
  const box = $('home');
  if (!home) {
    box.textContent = 'Opening the Home tab…';
    return;
  }
  box.replaceChildren(blocks(home.blocks, { kind: 'view', viewId: home.id }, () => box));
}

function renderModal() {
  const modal = ui.data.modal;
  const key = JSON.stringify(modal) + JSON.stringify(ui.errors);
  if (key === ui.lastModal) return;
  ui.lastModal = key;
  const overlay = $('modal');
  overlay.hidden = !modal;
  if (!modal) {
    overlay.replaceChildren();
    return;
  }
  const box = document.createElement('div');
  box.className = 'modal';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', plain(modal.title));
  const title = document.createElement('h2');
  title.textContent = plain(modal.title);
  const body = document.createElement('div');
  body.className = 'body';
  body.append(blocks(modal.blocks, { kind: 'view', viewId: modal.id }, () => body));
  // The app updated the open form (views.update): what the person typed stays, as in Slack.
  const previous = overlay.querySelector('.modal .body');
  if (previous && overlay.dataset.viewId === modal.id) carryOver(previous, body);
  overlay.dataset.viewId = modal.id;
  const edited = (e) => {
    const field = e.target.closest('[data-action-id]');
    if (field) field.dataset.edited = '1';
  };
  body.addEventListener('input', edited);
  body.addEventListener('change', edited);
  const foot = document.createElement('div');
  foot.className = 'foot';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn';
  close.textContent = plain(modal.close) || 'Cancel';
  close.addEventListener('click', async () => {
    ui.errors = {};
    await api('/api/close', {}).catch(showError);
    soon();
  });
  foot.append(close);
  if (modal.submit) {
    const submit = document.createElement('button');
    submit.type = 'button';
    submit.className = 'btn primary';
    submit.textContent = plain(modal.submit);
    submit.addEventListener('click', async () => {
      showError(null);
      try {
        const answer = await api('/api/submit', { viewId: modal.id, values: collect(body) });
        ui.errors = answer.errors || {};
        // Keep what was typed: draw the errors beside the fields without redrawing the form.
        if (answer.errors) markErrors(body, answer.errors);
      } catch (error) {
        showError(error);
      }
      soon();
    });
    foot.append(submit);
  }
  box.append(title, body, foot);
  overlay.replaceChildren(box);
}

/** Copies the fields the person changed in `from` into the same fields (block and action id) of `to`. */
function carryOver(from, to) {
  for (const old of from.querySelectorAll('[data-edited][data-block-id]')) {
    const twin = to.querySelector(
      `[data-block-id="${CSS.escape(old.dataset.blockId)}"][data-action-id="${CSS.escape(old.dataset.actionId)}"]`,
    );
    if (!twin || twin.dataset.type !== old.dataset.type) continue;
    if (old.tagName === 'DIV') {
      const checked = new Set([...old.querySelectorAll('input:checked')].map((i) => i.value));
      for (const i of twin.querySelectorAll('input')) i.checked = checked.has(i.value);
    } else if (old.tagName === 'SELECT') {
      const chosen = new Set([...old.selectedOptions].map((o) => o.value));
      for (const o of twin.options) o.selected = chosen.has(o.value);
    } else twin.value = old.value;
    twin.dataset.edited = '1';
  }
}

function markErrors(body, errors) {
  ui.lastModal = JSON.stringify(ui.data.modal) + JSON.stringify(ui.errors);
  for (const node of body.querySelectorAll('.block.input')) {
    node.classList.remove('has-error');
    node.querySelector('.field-error')?.remove();
    const field = node.querySelector('[data-block-id]');
    const error = field && errors[field.dataset.blockId];
    if (!error) continue;
    node.classList.add('has-error');
    const e = document.createElement('div');
    e.className = 'field-error';
    e.setAttribute('role', 'alert');
    e.textContent = error;
    node.append(e);
  }
}

function render() {
  const data = ui.data;
  const me = data.people.find((p) => p.id === ui.me);
  const select = $('person');
  if (select.options.length === 0) {
    for (const p of data.people) {
      const opt = document.createElement('option');
      opt.value = p.id;
      opt.textContent = `${p.real_name} · ${p.title}`;
      select.append(opt);
    }
    select.value = ui.me;
  }
  $('zone').textContent = me ? `${me.title} · ${me.tz}` : '';
  $('now').textContent = new Intl.DateTimeFormat('en-GB', {
    timeZone: me?.tz || 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(data.now));
  const channels = $('channels');
  if (channels.children.length === 0) {
    for (const c of data.channels) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'nav';
      b.dataset.conversation = c.id;
      b.textContent = `# ${c.name}`;
      b.addEventListener('click', () => go('messages', c.id));
      li.append(b);
      channels.append(li);
    }
  }
  const conversation = ui.conversation || `D${ui.me}`;
  for (const b of channels.querySelectorAll('button'))
    b.classList.toggle('active', ui.tab === 'messages' && b.dataset.conversation === conversation);
  $('open-dm').classList.toggle('active', ui.tab === 'messages' && conversation.startsWith('D'));
  $('open-home').classList.toggle('active', ui.tab === 'home');
  $('title').textContent =
    ui.tab === 'home'
      ? 'Punchcard · Home'
      : conversation.startsWith('D')
        ? 'Punchcard'
        : `# ${channelName(conversation)}`;
  $('items').hidden = ui.tab !== 'messages';
  $('composer').hidden = ui.tab !== 'messages';
  $('home').hidden = ui.tab !== 'home';
  $('message').placeholder = conversation.startsWith('D')
    ? 'Message Punchcard, or a command like /log 2h design'
    : `Message #${channelName(conversation)}: a command like /log 2h design`;
  $('refused').textContent = data.refused.length
    ? `Slack would refuse what the app sent: ${data.refused.map((v) => `${v.method}: ${v.error} ${(v.messages || []).join(' ')}`).join(' · ')}`
    : '';
  if (ui.tab === 'messages') renderItems();
  else renderHome();
  renderModal();
}

function go(tab, conversation) {
  ui.tab = tab;
  ui.conversation = conversation;
  ui.lastItems = '';
  ui.lastHome = '';
  if (tab === 'home') api('/api/home', {}).catch(showError);
  refresh().catch(showError);
  soon();
}

$('person').addEventListener('change', (e) => {
  ui.me = e.target.value;
  localStorage.setItem('punchcard.me', ui.me);
  ui.errors = {};
  go(ui.tab, ui.conversation && !ui.conversation.startsWith('D') ? ui.conversation : null);
});
$('open-dm').addEventListener('click', () => go('messages', null));
$('open-home').addEventListener('click', () => go('home', null));

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('message');
  const text = input.value.trim();
  if (!text) return;
  showError(null);
  try {
    await api('/api/command', { conversation: ui.conversation || `D${ui.me}`, text });
    input.value = '';
  } catch (error) {
    showError(error);
  }
  soon();
});

for (const b of document.querySelectorAll('[data-clock]')) {
  b.addEventListener('click', async () => {
    const buttons = document.querySelectorAll('[data-clock]');
    for (const x of buttons) x.disabled = true;
    $('clock-note').textContent = 'Moving the clock…';
    try {
      const answer = await api('/api/clock', { to: b.dataset.clock });
      $('clock-note').textContent = answer.ok
        ? `${answer.sent} message${answer.sent === 1 ? '' : 's'} went out on the way.`
        : answer.error;
    } catch (error) {
      $('clock-note').textContent = String(error.message || error);
    } finally {
      for (const x of buttons) x.disabled = false;
    }
    if (ui.tab === 'home') api('/api/home', {}).catch(showError);
    soon();
  });
}

setInterval(() => refresh().catch(() => undefined), 1000);
go('messages', null);
