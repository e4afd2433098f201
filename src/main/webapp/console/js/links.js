// The pages that the links in Keyward's mails land on (TTS's account-app paths under
// <is.email.network.identity-server-url>, /oauth by default, or under /console): confirm an e-mail address,
// register with an invitation, choose a new password with a temporary one. Each takes its secrets out of
// the address bar before anything else happens and keeps them in this page's memory only.
import { api, ApiError, signIn, signOut } from './api.js';
import { errorMsg, field, h, msg, newPasswordForm, put } from './dom.js';
import { page } from './shell.js';

/** UpdatePassword with a temporary password as the old one: no session needed. */
export function setPasswordWithTemporary(userId, temporary, next, revokeAll) {
  return api('PUT', `/users/${encodeURIComponent(userId)}/password`, {
    anonymous: true,
    body: { user_ids: { user_id: userId }, old: temporary, new: next, revoke_all_access: revokeAll },
  });
}

/** A refused link in words: the server's message, then what it means for the person holding the link. */
function refusal(e, doing, meaning) {
  const m = errorMsg(e, doing);
  if (e.name && Object.hasOwn(meaning, e.name)) m.append(/[.!?]$/.test(m.textContent) ? ' ' : '. ', meaning[e.name]);
  return m;
}

const VALIDATION_REFUSED = {
  validation_token_already_used: 'This link was used before: the address it named was confirmed then.',
  validation_token_expired: 'This link has expired. Sign in and send a new validation e-mail from your profile.',
  validation_token_not_found: 'The link is unknown: it may be mistyped, or a newer validation e-mail or a change of the address replaced it.',
};

const INVITATION_REFUSED = {
  invitation_already_used: 'This invitation has already been used to create an account. Sign in with that account instead.',
  invitation_expired: 'This invitation has expired. Ask the administrator who invited you for a new one.',
  invitation_not_found: 'This invitation is unknown: it may have been withdrawn, or the link is incomplete.',
};

const TEMPORARY_REFUSED = {
  old_password: 'The temporary password of this link is no longer valid: it was used already, or a newer one replaced it. Ask for a new one on the sign-in page.',
  temporary_password_expired: 'The temporary password of this link has expired. Ask for a new one on the sign-in page.',
};

/** The mail links this module handles, by the last segment of the path. */
export const MAIL_PAGES = {
  validate: validate,
  register: register,
  'update-password': updatePassword,
};

/**
 * Shows the page for a mail link. params are the link's query parameters, already out of the address bar;
 * shell is the console's {enter(...notices), land(...notices)}: enter goes into the console with the session
 * just made, land into the console if this tab has a session and to the sign-in page otherwise.
 */
export function mailLinkPage(name, params, shell) {
  return MAIL_PAGES[name](params, shell);
}

function incomplete(what) {
  return new ApiError(400, `The link is incomplete: it has no ${what}. Open the whole link from the e-mail.`);
}

/** EmailValidationRegistry.Validate (PATCH /email/validation), as TTS's account app does at once on opening. */
async function validate(params, shell) {
  const reference = params.get('reference') || '';
  const token = params.get('token') || '';
  page('Confirming your e-mail address…', h('p', null, 'Checking your link…'));
  try {
    if (!reference || !token) throw incomplete('reference or token');
    await api('PATCH', '/email/validation', { anonymous: true, body: { id: reference, token } });
  } catch (e) {
    await shell.land(refusal(e, 'Could not confirm the e-mail address', VALIDATION_REFUSED));
    return;
  }
  await shell.land(msg('ok', 'Your e-mail address is confirmed. Thank you!'));
}

/** CreateUser with the invitation token (API.md §4.1), then a session for the new account. */
function register(params, shell) {
  const invitation = params.get('invitation_token') || '';
  const id = h('input', { type: 'text', id: 'reg-user', autocomplete: 'username', required: true, maxlength: 36,
    pattern: '[a-z0-9](-?[a-z0-9]){2,35}' });
  const name = h('input', { type: 'text', id: 'reg-name', autocomplete: 'name', maxlength: 50 });
  const email = h('input', { type: 'email', id: 'reg-email', autocomplete: 'email', required: true });
  const pass = h('input', { type: 'password', id: 'reg-password', autocomplete: 'new-password', required: true });
  const again = h('input', { type: 'password', id: 'reg-again', autocomplete: 'new-password', required: true });
  const out = h('div', { id: 'reg-result' });
  const form = h('form', { id: 'reg-form' },
    field('User ID', id, '3 to 36 characters: lower-case letters, digits and single dashes.'),
    field('Name (optional)', name), field('E-mail address', email), field('Password', pass),
    field('Password again', again),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create account'),
      h('a', { href: '/console/' }, 'I already have an account')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (pass.value !== again.value) {
      put(out, errorMsg({ message: 'The two passwords differ.' }));
      return;
    }
    const userId = id.value.trim();
    const user = { ids: { user_id: userId }, primary_email_address: email.value.trim(), password: pass.value };
    if (name.value.trim()) user.name = name.value.trim();
    let made;
    try {
      put(out, h('p', { class: 'muted', role: 'status' }, 'Working…'));
      made = await api('POST', '/users', { anonymous: true, body: { user, invitation_token: invitation } });
    } catch (e) {
      put(out, refusal(e, 'Could not create the account', INVITATION_REFUSED));
      return;
    }
    const pending = (made.data.state || 'STATE_REQUESTED') === 'STATE_REQUESTED';
    const notice = msg('ok', `Welcome! Your account ${userId} is created.`,
      pending ? ' An administrator still has to approve it; until then your rights are restricted.' : '',
      ` A message to ${user.primary_email_address} asks you to confirm the address.`);
    await signInAfter(userId, pass.value, notice, shell);
  });
  page('Create your account',
    invitation ? h('p', null, 'You were invited to this network. Choose your user ID and password.')
      : errorMsg(incomplete('invitation token')),
    invitation ? form : h('p', null, h('a', { href: '/console/' }, 'Go to the sign-in page')));
  if (invitation) id.focus();
}

/**
 * The temporary-password mail's link (user and temporary password): choose the new password right here,
 * as on TTS's update-password page. The password grant does not take a temporary password, so this is the
 * sign-in page's "set new password" form with both already filled in.
 */
function updatePassword(params, shell) {
  const userId = params.get('user') || '';
  const temporary = params.get('current') || '';
  if (!userId || !temporary) {
    shell.land(errorMsg(incomplete('user ID or temporary password')));
    return;
  }
  // Signing out everywhere is the default, as on TTS's page: someone else may have had the old password.
  const { form, first } = newPasswordForm('up', {
    lead: h('dl', null, h('dt', null, 'User ID'), h('dd', { id: 'up-user' }, userId)),
    everywhere: 'Sign out everywhere (ends every other session of this account)', checked: true, submit: 'Set new password',
  }, async (next, revokeAll, out) => {
    try {
      put(out, h('p', { class: 'muted', role: 'status' }, 'Working…'));
      await setPasswordWithTemporary(userId, temporary, next, revokeAll);
    } catch (e) {
      put(out, refusal(e, 'Could not set the password', TEMPORARY_REFUSED));
      return;
    }
    await signInAfter(userId, next, msg('ok', 'Your new password is set, and the temporary one no longer works.'), shell);
  });
  page('Choose a new password', h('p', null, 'The link carries the temporary password from your e-mail: just choose the new one.'), form);
  first.focus();
}

/** After the link's action, a session with the password just chosen; if that fails, the sign-in page says why. */
async function signInAfter(userId, password, notice, shell) {
  // A session this tab may still hold is someone else's or stale: end it rather than leave it behind.
  await signOut();
  try {
    await signIn(userId, password);
  } catch (e) {
    await shell.land(notice, errorMsg(e, 'Signing in failed'));
    return;
  }
  history.replaceState(null, '', '/console/#/profile');
  await shell.enter(notice);
}
