// DOM helpers. Text always goes in as text nodes or attribute values, never as HTML, so whatever a
// user typed (a name like <img onerror=...>) is shown as written.

let ids = 0;

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces the children of el. */
export function put(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled field: the label names the control (for=id). */
export function field(label, control, hint) {
  if (!control.id) control.id = 'f' + (++ids);
  const parts = [h('span', null, label), control];
  if (hint) {
    const hintId = control.id + '-hint';
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('small', { id: hintId, class: 'muted' }, hint));
  }
  return h('label', { for: control.id }, parts);
}

/**
 * A form to choose a new password, typed twice, with "sign out everywhere"; ids are {prefix}-new, -again,
 * -revoke-all, -result and -form. onSubmit(newPassword, revokeAll, out) runs once both typings agree.
 */
export function newPasswordForm(prefix, { lead = [], everywhere, checked = false, submit }, onSubmit) {
  const next = h('input', { type: 'password', id: `${prefix}-new`, autocomplete: 'new-password', required: true });
  const again = h('input', { type: 'password', id: `${prefix}-again`, autocomplete: 'new-password', required: true });
  const box = checkbox(everywhere, { id: `${prefix}-revoke-all`, checked });
  const out = h('div', { id: `${prefix}-result` });
  const form = h('form', { id: `${prefix}-form` }, lead, field('New password', next), field('New password again', again),
    box, h('div', { class: 'actions' }, h('button', { type: 'submit' }, submit)), out);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (next.value !== again.value) {
      put(out, errorMsg({ message: 'The two new passwords differ.' }));
      return;
    }
    onSubmit(next.value, box.querySelector('input').checked, out);
  });
  return { form, first: next };
}

export function checkbox(label, props) {
  const box = h('input', { type: 'checkbox', ...props });
  return h('label', { class: 'check' }, box, label);
}

export function msg(kind, ...text) {
  return h('p', { class: 'msg ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A refused call in words, with the field it concerns and when to retry. */
export function errorMsg(e, doing) {
  const parts = [doing ? `${doing}: ${e.message}` : e.message];
  if (e.field) parts.push(` (field: ${e.field})`);
  if (e.retryAfter) parts.push(` Try again in ${e.retryAfter} seconds (at ${new Date(Date.now() + e.retryAfter * 1000).toLocaleTimeString()}).`);
  return msg('error', parts);
}

/** Runs an action for a form: disables its buttons meanwhile, shows success or the error in the slot. */
export async function act(slot, doing, fn, okText) {
  const form = slot.closest('form') || slot.parentElement;
  const buttons = form ? [...form.querySelectorAll('button')] : [];
  buttons.forEach((b) => { b.disabled = true; });
  // The last outcome goes at once, so an old "saved" is never taken for the new one.
  put(slot, h('p', { class: 'muted', role: 'status' }, 'Working…'));
  try {
    const result = await fn();
    put(slot, okText ? msg('ok', typeof okText === 'function' ? okText(result) : okText) : null);
    return result;
  } catch (e) {
    put(slot, errorMsg(e, doing));
    return undefined;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

export function when(ts) {
  return ts ? new Date(ts).toLocaleString() : '—';
}

export function stateName(state) {
  const s = (state || 'STATE_REQUESTED').replace('STATE_', '').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Previous / next page with the total; onPage(n) loads page n. */
export function pager(total, page, limit, onPage, noun) {
  const pages = Math.max(1, Math.ceil(total / limit));
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => onPage(page - 1) }, 'Previous'),
    h('span', { class: 'page-info' }, `Page ${page} of ${pages} (${total} ${noun})`),
    h('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: () => onPage(page + 1) }, 'Next'));
}

/** An inline confirmation instead of a blocking dialog: keyboard-usable and visible to screen readers. */
export function confirmBox(question, confirmLabel, onConfirm, { typed } = {}) {
  const box = h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm' });
  const input = typed ? h('input', { type: 'text', autocomplete: 'off', class: 'confirm-typed' }) : null;
  const yes = h('button', { type: 'button', class: 'danger confirm-yes', disabled: Boolean(typed) }, confirmLabel);
  const no = h('button', { type: 'button', class: 'secondary', onclick: () => box.remove() }, 'Cancel');
  if (input) input.addEventListener('input', () => { yes.disabled = input.value !== typed; });
  yes.addEventListener('click', () => onConfirm(box));
  put(box, h('p', null, question),
    input ? field(`Type ${typed} to confirm`, input) : null,
    h('div', { class: 'actions' }, yes, no));
  setTimeout(() => (input || yes).focus(), 0);
  return box;
}

export function table(headers, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', null,
      h('thead', null, h('tr', null, headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows)));
}
