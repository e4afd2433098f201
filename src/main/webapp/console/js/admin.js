// Admin pages: users (SearchUsers), one user's detail and actions, the approval queue, invitations,
// the mail outbox. The server enforces every right; these pages only ask.
import { api } from './api.js';
import { act, checkbox, confirmBox, field, h, msg, pager, put, stateName, table, when } from './dom.js';
import { page } from './shell.js';

const STATES = ['STATE_REQUESTED', 'STATE_APPROVED', 'STATE_REJECTED', 'STATE_FLAGGED', 'STATE_SUSPENDED'];
const LIST_MASK = 'name,primary_email_address,state,admin,created_at';
const DETAIL_MASK = 'name,description,primary_email_address,primary_email_address_validated_at,state,state_description,'
  + 'admin,require_password_update,created_at,updated_at,deleted_at';
const PAGE_SIZE = 20;
// Oldest first, a long page: an approver works through the queue from the top.
const QUEUE_PAGE_SIZE = 100;
const userLink = (id) => h('a', { href: `#/admin/users/${encodeURIComponent(id)}`, class: 'user-link' }, id);

/** The users table's filters survive going to a user's page and back. */
const filters = { query: '', id_contains: '', name_contains: '', description_contains: '', state: '', deleted: false,
  order: 'user_id', limit: PAGE_SIZE, page: 1 };

function stateSelect(id, value, anyLabel) {
  return h('select', { id }, anyLabel ? h('option', { value: '' }, anyLabel) : null,
    STATES.map((s) => h('option', { value: s, selected: s === value }, stateName(s))));
}

const TEXT_FILTERS = ['query', 'id_contains', 'name_contains', 'description_contains'];

export async function users() {
  const text = (key, label) => field(label, h('input', { type: 'search', id: 'filter-' + key, value: filters[key] }));
  const state = stateSelect('filter-state', filters.state, 'Any state');
  const deleted = checkbox('Deleted users', { id: 'filter-deleted', checked: filters.deleted });
  const order = h('select', { id: 'filter-order' },
    [['user_id', 'User ID (A–Z)'], ['-user_id', 'User ID (Z–A)'], ['name', 'Name'], ['-created_at', 'Newest first'],
      ['created_at', 'Oldest first'], ['state', 'State']]
      .map(([v, t]) => h('option', { value: v, selected: v === filters.order }, t)));
  const size = h('select', { id: 'filter-limit' },
    [10, 20, 50, 100].map((n) => h('option', { value: n, selected: n === filters.limit }, n)));
  const results = h('div', { id: 'users-results' });
  const form = h('form', { id: 'users-filter', class: 'inline', role: 'search' },
    text('query', 'Search'), text('id_contains', 'ID contains'), text('name_contains', 'Name contains'),
    text('description_contains', 'Description contains'), field('State', state), field('Sort by', order),
    field('Per page', size), deleted, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const k of TEXT_FILTERS) filters[k] = form.querySelector('#filter-' + k).value;
    Object.assign(filters, { state: state.value, order: order.value, limit: Number(size.value),
      deleted: deleted.querySelector('input').checked, page: 1 });
    loadUsers(results);
  });
  page('Users', form, results);
  await loadUsers(results);
}

async function loadUsers(results) {
  put(results, h('p', { class: 'muted' }, 'Loading…'));
  const query = { field_mask: LIST_MASK, order: filters.order, limit: filters.limit, page: filters.page };
  for (const k of [...TEXT_FILTERS, 'state']) query[k] = filters[k].trim();
  if (filters.deleted) query.deleted = 'true';
  const r = await act(results, 'Could not list users', () => api('GET', '/search/users', { query }));
  if (r === undefined) return;
  const list = r.data.users || [];
  const rows = list.map((u) => h('tr', null,
    h('td', null, userLink(u.ids.user_id)), h('td', { class: 'user-name' }, u.name || ''),
    h('td', null, u.primary_email_address || ''), h('td', null, stateName(u.state)),
    h('td', null, u.admin ? 'yes' : ''), h('td', null, when(u.created_at))));
  put(results,
    h('p', { id: 'users-total' }, `${r.total} user${r.total === 1 ? '' : 's'} found`),
    list.length ? table(['User ID', 'Name', 'E-mail', 'State', 'Admin', 'Created'], rows) : null,
    pager(r.total, filters.page, filters.limit, (p) => { filters.page = p; loadUsers(results); }, 'users'));
}

/** Get answers only live users; a deleted one is found with SearchUsers (deleted=true). */
async function findUser(id) {
  try {
    return (await api('GET', `/users/${encodeURIComponent(id)}`, { query: { field_mask: DETAIL_MASK } })).data;
  } catch (e) {
    if (e.status !== 404) throw e;
    const r = await api('GET', '/search/users', { query: { id_contains: id, deleted: 'true', field_mask: DETAIL_MASK, limit: 100 } });
    const found = (r.data.users || []).find((u) => u.ids.user_id === id);
    if (!found) throw e;
    return found;
  }
}

export async function user(id, notice) {
  const u = await findUser(id);
  const path = `/users/${encodeURIComponent(id)}`;
  const out = h('div', { id: 'user-result' }, notice || null);
  const again = (text) => user(id, msg('ok', text));
  const facts = h('dl', null,
    h('dt', null, 'User ID'), h('dd', { id: 'user-id' }, id),
    h('dt', null, 'State'), h('dd', { id: 'user-state' }, stateName(u.state), u.state_description ? ` — ${u.state_description}` : ''),
    h('dt', null, 'E-mail'), h('dd', null, u.primary_email_address || '—',
      u.primary_email_address_validated_at ? ' (validated)' : ' (not validated)'),
    h('dt', null, 'Created'), h('dd', null, when(u.created_at)),
    u.deleted_at ? [h('dt', null, 'Deleted'), h('dd', { id: 'user-deleted' }, when(u.deleted_at))] : null);
  if (u.deleted_at) {
    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'user-restore', onclick: async () => {
        const ok = await act(out, 'Could not restore the user', () => api('POST', `${path}/restore`));
        if (ok !== undefined) await again('User restored.');
      } }, 'Restore'),
      h('button', { type: 'button', class: 'danger', id: 'user-purge', onclick: () => put(out, confirmBox(
        `Purge ${id} for good? Its API keys, tokens and everything it owns are removed, and the ID becomes free.`,
        'Purge user', async (box) => {
          const ok = await act(box, 'Could not purge the user', () => api('DELETE', `${path}/purge`));
          if (ok !== undefined) page('User purged', msg('ok', `${id} is purged.`), h('p', null, h('a', { href: '#/admin/users' }, 'Back to users')));
        }, { typed: id })) }, 'Purge…'));
    page(`User ${id}`, facts, msg('warn', 'This user is deleted.'), actions, out);
    return;
  }
  const name = h('input', { type: 'text', id: 'user-name', value: u.name || '', maxlength: 50 });
  const description = h('textarea', { id: 'user-description', rows: 3 });
  description.value = u.description || '';
  const email = h('input', { type: 'email', id: 'user-email', value: u.primary_email_address || '' });
  const adminBox = checkbox('Administrator', { id: 'user-admin', checked: u.admin === true });
  const requireBox = checkbox('Must change password at next sign-in', { id: 'user-require-pw', checked: u.require_password_update === true });
  const edit = h('form', { id: 'user-form' }, field('Name', name), field('Description', description),
    field('Primary e-mail address', email), adminBox, requireBox,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save user')));
  edit.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const changes = { name: name.value, description: description.value, primary_email_address: email.value.trim(),
      admin: adminBox.querySelector('input').checked, require_password_update: requireBox.querySelector('input').checked };
    const ok = await act(out, 'Could not save the user',
      () => api('PUT', path, { body: { user: changes, field_mask: { paths: Object.keys(changes) } } }));
    if (ok !== undefined) await again('User saved.');
  });
  const why = h('textarea', { id: 'state-description', rows: 2 });
  why.value = u.state_description || '';
  const setState = (state, words) => async () => {
    const ok = await act(out, 'Could not change the state', () => api('PUT', path, {
      body: { user: { state, state_description: why.value }, field_mask: { paths: ['state', 'state_description'] } } }));
    if (ok !== undefined) await again(words);
  };
  const stateForm = h('form', { id: 'state-form', onsubmit: (ev) => ev.preventDefault() },
    field('Reason (shown to the user)', why),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'state-approve', onclick: setState('STATE_APPROVED', 'User approved.') }, 'Approve'),
      h('button', { type: 'button', id: 'state-reject', class: 'danger', onclick: setState('STATE_REJECTED', 'User rejected.') }, 'Reject'),
      h('button', { type: 'button', id: 'state-suspend', class: 'danger', onclick: setState('STATE_SUSPENDED', 'User suspended.') }, 'Suspend'),
      h('button', { type: 'button', id: 'state-flag', class: 'secondary', onclick: setState('STATE_FLAGGED', 'User flagged.') }, 'Flag')));
  const del = h('button', { type: 'button', class: 'danger', id: 'user-delete', onclick: () => put(out, confirmBox(
    `Delete ${id}? The user can be restored for a while afterwards.`, 'Delete user', async (box) => {
      const ok = await act(box, 'Could not delete the user', () => api('DELETE', path));
      if (ok !== undefined) await again('User deleted.');
    })) }, 'Delete user…');
  page(`User ${id}`, facts, out, h('h2', null, 'Account state'), stateForm,
    h('h2', null, 'Edit'), edit, h('h2', null, 'Delete'), h('div', { class: 'actions' }, del));
}

export async function queue(arg, notice, pageNo = 1) {
  const r = await api('GET', '/search/users', { query: { state: 'STATE_REQUESTED', field_mask: LIST_MASK, order: 'created_at',
    limit: QUEUE_PAGE_SIZE, page: pageNo } });
  const list = r.data.users || [];
  const out = h('div', { id: 'queue-result' }, notice || null);
  const decide = (u, state, words) => async () => {
    const ok = await act(out, `Could not change ${u.ids.user_id}`, () => api('PUT', `/users/${encodeURIComponent(u.ids.user_id)}`, {
      body: { user: { state }, field_mask: { paths: ['state'] } } }));
    if (ok !== undefined) await queue(null, msg('ok', `${u.ids.user_id} ${words}.`), pageNo);
  };
  const rows = list.map((u) => h('tr', { 'data-user-id': u.ids.user_id },
    h('td', null, userLink(u.ids.user_id)), h('td', null, u.name || ''), h('td', null, u.primary_email_address || ''),
    h('td', null, when(u.created_at)),
    h('td', null, h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'approve', onclick: decide(u, 'STATE_APPROVED', 'approved') }, 'Approve'),
      h('button', { type: 'button', class: 'danger reject', onclick: decide(u, 'STATE_REJECTED', 'rejected') }, 'Reject')))));
  page('Approval queue', out,
    h('p', { id: 'queue-total' }, `${r.total} user${r.total === 1 ? '' : 's'} waiting for approval`),
    list.length ? table(['User ID', 'Name', 'E-mail', 'Requested', 'Decision'], rows) : null,
    r.total > QUEUE_PAGE_SIZE ? pager(r.total, pageNo, QUEUE_PAGE_SIZE, (p) => queue(null, null, p), 'users') : null);
}

export async function invitations(arg, notice, pageNo = 1) {
  const r = await api('GET', '/invitations', { query: { limit: PAGE_SIZE, page: pageNo } });
  const list = r.data.invitations || [];
  const email = h('input', { type: 'email', id: 'invite-email', required: true });
  const out = h('div', { id: 'invite-result' }, notice || null);
  const form = h('form', { id: 'invite-form', class: 'inline' }, field('E-mail address', email),
    h('button', { type: 'submit' }, 'Send invitation'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const address = email.value.trim();
    const ok = await act(out, 'Could not send the invitation', () => api('POST', '/invitations', { body: { email: address } }));
    if (ok !== undefined) await invitations(null, msg('ok', `Invitation sent to ${address}.`));
  });
  const rows = list.map((i) => {
    const slot = h('div');
    return h('tr', { 'data-email': i.email },
      h('td', null, i.email), h('td', null, when(i.created_at)), h('td', null, when(i.expires_at)),
      h('td', null, i.accepted_by ? `accepted by ${i.accepted_by.user_id}` : 'open'),
      h('td', null, h('button', { type: 'button', class: 'danger', onclick: () => put(slot, confirmBox(
        `Delete the invitation of ${i.email}? Its link stops working.`, 'Delete invitation', async (box) => {
          const ok = await act(box, 'Could not delete the invitation', () => api('DELETE', '/invitations', { query: { email: i.email } }));
          if (ok !== undefined) await invitations(null, msg('ok', `Invitation of ${i.email} deleted.`));
        })) }, 'Delete'), slot));
  });
  page('Invitations', form, out,
    list.length ? table(['E-mail', 'Sent', 'Expires', 'Status', 'Actions'], rows) : h('p', null, 'No invitations.'),
    r.total > PAGE_SIZE ? pager(r.total, pageNo, PAGE_SIZE, (p) => invitations(null, null, p), 'invitations') : null);
}

export async function outbox(arg, state = '', pageNo = 1) {
  const r = await api('GET', '/keyward/mail/outbox', { query: { state, limit: PAGE_SIZE, page: pageNo } });
  const list = r.data.messages || [];
  const pick = h('select', { id: 'outbox-state' },
    [['', 'All'], ['pending', 'Pending'], ['sent', 'Sent'], ['dead', 'Dead (given up)']]
      .map(([v, t]) => h('option', { value: v, selected: v === state }, t)));
  const form = h('form', { id: 'outbox-filter', class: 'inline' }, field('State', pick), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    outbox(null, pick.value, 1);
  });
  const rows = list.map((m) => h('tr', { 'data-message-id': m.id },
    h('td', null, when(m.created_at)), h('td', null, m.recipient), h('td', null, m.subject || m.template),
    h('td', { class: 'outbox-state' }, m.state), h('td', null, m.attempts || 0),
    h('td', null, m.state === 'pending' && m.next_attempt_at ? `next try ${when(m.next_attempt_at)}` : (m.sent_at ? `sent ${when(m.sent_at)}` : '')),
    h('td', { class: 'outbox-error' }, m.last_error || '')));
  page('Mail outbox', form,
    h('p', { id: 'outbox-total' }, `${r.total} message${r.total === 1 ? '' : 's'}`),
    list.length ? table(['Created', 'To', 'Subject', 'State', 'Attempts', 'Delivery', 'Last error'], rows) : null,
    pager(r.total, pageNo, PAGE_SIZE, (p) => outbox(null, state, p), 'messages'));
}
