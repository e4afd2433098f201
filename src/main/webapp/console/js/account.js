// The signed-in user's own pages: profile, password, API keys, notifications.
import { api, dropSession } from './api.js';
import { act, checkbox, confirmBox, field, h, msg, newPasswordForm, pager, put, table, when } from './dom.js';
import { hooks, me, page } from './shell.js';

const PAGE_SIZE = 20;
const userPath = () => `/users/${encodeURIComponent(me.id)}`;

export async function profile() {
  const { data: u } = await api('GET', userPath(), {
    query: { field_mask: 'name,description,primary_email_address,primary_email_address_validated_at,state,created_at' },
  });
  const name = h('input', { type: 'text', id: 'profile-name', value: u.name || '', maxlength: 50 });
  const description = h('textarea', { id: 'profile-description', rows: 3, maxlength: 2000 });
  description.value = u.description || '';
  const email = h('input', { type: 'email', id: 'profile-email', value: u.primary_email_address || '', required: true });
  const out = h('div', { id: 'profile-result' });
  const form = h('form', { id: 'profile-form' }, field('Name', name), field('Description', description),
    field('Primary e-mail address', email), h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save profile')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const changed = {};
    if (name.value !== (u.name || '')) changed.name = name.value;
    if (description.value !== (u.description || '')) changed.description = description.value;
    if (email.value.trim() !== (u.primary_email_address || '')) changed.primary_email_address = email.value.trim();
    const paths = Object.keys(changed);
    if (paths.length === 0) {
      put(out, msg('ok', 'Nothing to save: no field changed.'));
      return;
    }
    const done = await act(out, 'Could not save the profile',
      () => api('PUT', userPath(), { body: { user: changed, field_mask: { paths } } }));
    if (done !== undefined) {
      await profile();
      put(document.getElementById('profile-result'), msg('ok', 'Profile saved.'));
    }
  });
  const validated = u.primary_email_address_validated_at;
  const emailOut = h('div', { id: 'email-result' });
  const resend = h('button', { type: 'button', class: 'secondary', id: 'email-resend' }, 'Send validation e-mail again');
  resend.addEventListener('click', () => act(emailOut, 'Could not send the validation e-mail',
    () => api('POST', '/email/validation', { body: { user_id: me.id } }),
    (r) => `A validation e-mail is on its way to ${r.data.address || u.primary_email_address}.`));
  page('Profile',
    h('dl', null,
      h('dt', null, 'User ID'), h('dd', { id: 'profile-id' }, me.id),
      h('dt', null, 'Member since'), h('dd', null, when(u.created_at)),
      h('dt', null, 'E-mail address'),
      h('dd', { id: 'email-state' }, validated ? `Validated on ${when(validated)}` : 'Not validated yet')),
    validated ? null : h('div', { class: 'actions' }, resend), emailOut,
    h('h2', null, 'Edit profile'), form);
}

export async function password() {
  const old = h('input', { type: 'password', id: 'pw-old', autocomplete: 'current-password', required: true });
  const { form } = newPasswordForm('pw', { lead: field('Current password', old),
    everywhere: 'Sign out everywhere (ends every session and this one)', submit: 'Change password' }, async (next, revokeAll, out) => {
    const done = await act(out, 'Could not change the password', () => api('PUT', `${userPath()}/password`, {
      body: { user_ids: { user_id: me.id }, old: old.value, new: next, revoke_all_access: revokeAll },
    }), 'Password changed.');
    if (done === undefined) return;
    form.reset();
    if (revokeAll) {
      dropSession();
      hooks.onSessionEnded('Password changed, and every session ended. Sign in with the new password.');
    } else {
      hooks.onPasswordChanged();
    }
  });
  page('Change password', me.requirePasswordUpdate ? msg('warn', 'You must choose a new password before going on.') : null, form);
}

/** The rights the caller holds on its own account: the only ones a new key may get. */
async function heldRights() {
  const { data } = await api('GET', `${userPath()}/rights`);
  return data.rights || [];
}

function rightsPicker(held, chosen) {
  return h('fieldset', { id: 'key-rights' }, h('legend', null, 'Rights'),
    h('div', { class: 'rights' }, held.map((r) =>
      checkbox(r, { value: r, name: 'right', checked: chosen.includes(r) }))));
}

function pickedRights(form) {
  return [...form.querySelectorAll('input[name=right]:checked')].map((i) => i.value);
}

function expiryInput(expiresAt) {
  return h('input', { type: 'date', id: 'key-expiry', value: expiresAt ? expiresAt.slice(0, 10) : '' });
}

function expiryValue(input) {
  return input.value ? new Date(input.value + 'T23:59:59Z').toISOString() : null;
}

export async function keys(pageNo = 1) {
  pageNo = typeof pageNo === 'number' ? pageNo : 1;
  const [list, held] = await Promise.all([
    api('GET', `${userPath()}/api-keys`, { query: { limit: PAGE_SIZE, page: pageNo } }),
    heldRights(),
  ]);
  const items = list.data.api_keys || [];
  const slot = h('div', { id: 'keys-panel' });
  const rows = items.map((k) => {
    const rowSlot = h('div');
    const edit = h('button', { type: 'button', class: 'secondary', onclick: () => editKey(k, held, slot) }, 'Edit');
    const del = h('button', { type: 'button', class: 'danger', onclick: () => put(rowSlot, confirmBox(
      `Delete the API key “${k.name || k.id}”? Programs using it stop working.`, 'Delete key', async (box) => {
        const ok = await act(box, 'Could not delete the key',
          () => api('DELETE', `${userPath()}/api-keys/${encodeURIComponent(k.id)}`));
        if (ok !== undefined) await keysWith(msg('ok', `API key “${k.name || k.id}” deleted.`));
      })) }, 'Delete');
    return h('tr', { 'data-key-id': k.id },
      h('td', { class: 'key-name' }, k.name || '(no name)'), h('td', { class: 'secret' }, k.id),
      h('td', null, (k.rights || []).length), h('td', null, k.expires_at ? when(k.expires_at) : 'never'),
      h('td', null, h('div', { class: 'actions' }, edit, del), rowSlot));
  });
  page('API keys',
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'key-new', onclick: () => newKey(held, slot) }, 'Create API key')),
    slot,
    items.length ? table(['Name', 'ID', 'Rights', 'Expires', 'Actions'], rows) : h('p', null, 'You have no API keys.'),
    list.total > PAGE_SIZE ? pager(list.total, pageNo, PAGE_SIZE, keys, 'keys') : null);
}

async function keysWith(notice) {
  await keys();
  put(document.getElementById('keys-panel'), notice);
}

function keyForm(title, key, held, submitLabel, onSubmit) {
  const name = h('input', { type: 'text', id: 'key-name', value: key.name || '', maxlength: 50 });
  const expiry = expiryInput(key.expires_at);
  const out = h('div', { id: 'key-result' });
  const form = h('form', { id: 'key-form' }, h('h2', null, title), field('Name', name),
    field('Expires on (optional)', expiry), rightsPicker(held, key.rights || []),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)), out);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit({ name: name.value, rights: pickedRights(form), expires_at: expiryValue(expiry) }, out);
  });
  return form;
}

function newKey(held, slot) {
  put(slot, keyForm('New API key', {}, held, 'Create key', async (body, out) => {
    if (!body.expires_at) delete body.expires_at;
    const made = await act(out, 'Could not create the key', () => api('POST', `${userPath()}/api-keys`, { body }));
    if (made !== undefined) showSecret(made.data);
  }));
  slot.querySelector('input').focus();
}

/** The secret is shown this once; the server keeps only its hash. */
async function showSecret(key) {
  await keys();
  const secret = h('input', { type: 'text', id: 'key-secret', readonly: true, value: key.key, class: 'secret' });
  const copied = h('span', { id: 'copy-result', role: 'status' });
  const copy = h('button', { type: 'button', id: 'key-copy', onclick: async () => {
    secret.select();
    try {
      await navigator.clipboard.writeText(key.key);
      copied.textContent = 'Copied.';
    } catch {
      copied.textContent = 'Press Ctrl+C (⌘C) to copy the selected key.';
    }
  } }, 'Copy');
  put(document.getElementById('keys-panel'), msg('ok', `API key “${key.name || key.id}” created. Copy its secret now: it is not shown again.`),
    field('Secret', secret), h('div', { class: 'actions' }, copy, copied));
  secret.focus();
  secret.select();
}

function editKey(k, held, slot) {
  // Rights the key has but the caller no longer holds stay listed, so they are not dropped unseen.
  const offered = [...new Set([...held, ...(k.rights || [])])];
  put(slot, keyForm(`Edit API key “${k.name || k.id}”`, k, offered, 'Save key', async (body, out) => {
    const done = await act(out, 'Could not save the key', () => api('PUT', `${userPath()}/api-keys/${encodeURIComponent(k.id)}`, {
      body: { api_key: body, field_mask: { paths: ['name', 'rights', 'expires_at'] } },
    }));
    if (done !== undefined) await keysWith(msg('ok', `API key “${body.name || k.id}” saved.`));
  }));
  slot.querySelector('input').focus();
}

/** The unseen count in the navigation. */
export async function refreshUnseen() {
  const badge = document.getElementById('unseen');
  if (!badge) return;
  try {
    const r = await api('GET', `${userPath()}/notifications`, { query: { status: 'NOTIFICATION_STATUS_UNSEEN', limit: 1 } });
    put(badge, r.total ? h('span', { class: 'badge', 'aria-label': `${r.total} unseen` }, r.total) : null);
  } catch {
    put(badge);
  }
}

const INBOX = ['NOTIFICATION_STATUS_UNSEEN', 'NOTIFICATION_STATUS_SEEN'];

export async function notifications(arg, view = 'inbox', pageNo = 1) {
  const status = view === 'archive' ? ['NOTIFICATION_STATUS_ARCHIVED'] : INBOX;
  const [list, unseen] = await Promise.all([
    api('GET', `${userPath()}/notifications`, { query: { status, limit: PAGE_SIZE, page: pageNo } }),
    api('GET', `${userPath()}/notifications`, { query: { status: 'NOTIFICATION_STATUS_UNSEEN', limit: 1 } }),
  ]);
  const items = list.data.notifications || [];
  const out = h('div', { id: 'notif-result' });
  const setStatus = async (n, s, words) => {
    const ok = await act(out, 'Could not update the notification',
      () => api('PATCH', `${userPath()}/notifications`, { body: { ids: [n.id], status: s } }));
    if (ok !== undefined) {
      await notifications(null, view, pageNo);
      put(document.getElementById('notif-result'), msg('ok', words));
      refreshUnseen();
    }
  };
  const rows = items.map((n) => h('tr', { 'data-notification-id': n.id },
    h('td', null, (n.notification_type || '').replace(/_/g, ' ')),
    h('td', null, summary(n)),
    h('td', null, n.sender_ids ? n.sender_ids.user_id : '—'),
    h('td', null, when(n.created_at)),
    h('td', { class: 'notif-status' }, (n.status || 'NOTIFICATION_STATUS_UNSEEN').replace('NOTIFICATION_STATUS_', '').toLowerCase()),
    h('td', null, h('div', { class: 'actions' },
      (n.status || 'NOTIFICATION_STATUS_UNSEEN') === 'NOTIFICATION_STATUS_UNSEEN'
        ? h('button', { type: 'button', class: 'secondary mark-seen', onclick: () => setStatus(n, 'NOTIFICATION_STATUS_SEEN', 'Marked as seen.') }, 'Mark seen') : null,
      view === 'inbox'
        ? h('button', { type: 'button', class: 'secondary archive', onclick: () => setStatus(n, 'NOTIFICATION_STATUS_ARCHIVED', 'Archived.') }, 'Archive')
        : h('button', { type: 'button', class: 'secondary unarchive', onclick: () => setStatus(n, 'NOTIFICATION_STATUS_SEEN', 'Moved back to the inbox.') }, 'Back to inbox')))));
  page('Notifications',
    h('p', { id: 'unseen-count' }, `${unseen.total || 0} unseen`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: view === 'inbox' ? '' : 'secondary', 'aria-pressed': String(view === 'inbox'),
        onclick: () => notifications(null, 'inbox') }, 'Inbox'),
      h('button', { type: 'button', class: view === 'archive' ? '' : 'secondary', 'aria-pressed': String(view === 'archive'),
        id: 'notif-archived', onclick: () => notifications(null, 'archive') }, 'Archived')),
    out,
    items.length ? table(['Type', 'About', 'From', 'When', 'Status', 'Actions'], rows) : h('p', null, 'No notifications here.'),
    list.total > PAGE_SIZE ? pager(list.total, pageNo, PAGE_SIZE, (p) => notifications(null, view, p), 'notifications') : null);
  refreshUnseen();
}

/** A line about what the notification concerns, from its entity and data. */
function summary(n) {
  const e = n.entity_ids && n.entity_ids.user_ids ? `user ${n.entity_ids.user_ids.user_id}` : '';
  const d = n.data || {};
  const extra = d.name || d.state || d.message || '';
  return [e, typeof extra === 'string' ? extra : ''].filter(Boolean).join(': ') || '—';
}
