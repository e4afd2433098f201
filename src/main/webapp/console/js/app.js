// The console's shell: signing in and out, who is signed in, the navigation and the pages' routes.
import { api, ApiError, dropSession, hasSession, resume, signIn, signInWithLoginToken, signOut } from './api.js';
import { act, errorMsg, field, h, msg, put, stateName } from './dom.js';
import { hooks, me, page } from './shell.js';
import * as account from './account.js';
import * as admin from './admin.js';
import { MAIL_PAGES, mailLinkPage, setPasswordWithTemporary } from './links.js';

const nav = document.getElementById('nav');
const who = document.getElementById('who');
const banner = document.getElementById('banner');

const routes = {
  profile: account.profile,
  password: account.password,
  keys: account.keys,
  notifications: account.notifications,
  'admin/users': admin.users,
  'admin/user': admin.user,
  'admin/queue': admin.queue,
  'admin/invitations': admin.invitations,
  'admin/outbox': admin.outbox,
};

/** Reads the signed-in user and its restrictions (X-Warning) after sign-in or reload. */
async function loadMe() {
  const info = await api('GET', '/auth_info');
  const token = info.data.oauth_access_token || {};
  me.id = token.user_ids ? token.user_ids.user_id : null;
  me.admin = info.data.is_admin === true;
  me.warnings = info.warnings;
  try {
    const u = await api('GET', `/users/${encodeURIComponent(me.id)}`, {
      query: { field_mask: 'name,state,state_description,require_password_update,admin' },
    });
    me.name = u.data.name || '';
    me.state = u.data.state || 'STATE_REQUESTED';
    me.stateDescription = u.data.state_description || '';
    me.requirePasswordUpdate = u.data.require_password_update === true;
    me.userAdmin = u.data.admin === true;
  } catch (e) {
    // Without the right to read its own account, the warnings still tell the state.
    const w = me.warnings.join(' ');
    me.state = /suspension/.test(w) ? 'STATE_SUSPENDED' : /rejection/.test(w) ? 'STATE_REJECTED'
      : /pending/.test(w) ? 'STATE_REQUESTED' : null;
    me.stateDescription = '';
  }
}

function showBanners() {
  const parts = [];
  const state = me.state;
  if (state && state !== 'STATE_APPROVED') {
    const why = {
      STATE_REQUESTED: 'Your account is waiting for an administrator’s approval.',
      STATE_REJECTED: 'Your account was rejected.',
      STATE_SUSPENDED: 'Your account is suspended.',
      STATE_FLAGGED: 'Your account is flagged for review; your rights are not restricted.',
    }[state];
    parts.push(msg('warn', h('strong', null, `Account state: ${stateName(state)}. `), why || '',
      me.stateDescription ? ` Reason: ${me.stateDescription}` : ''));
  }
  for (const w of me.warnings || []) {
    // The one restriction the user can lift alone: say how.
    const how = /email address validated/.test(w)
      ? ['. Open the link in the validation e-mail, or send it again from your ', h('a', { href: '#/profile' }, 'profile'), '.'] : null;
    parts.push(msg('warn', h('strong', null, 'Restricted rights: '), w, how));
  }
  if (me.requirePasswordUpdate) {
    parts.push(msg('warn', h('strong', null, 'Please change your password. '),
      'An administrator asked you to choose a new password before you go on.'));
  }
  put(banner, parts);
}

function showShell() {
  const link = (route, label) => h('a', { href: '#/' + route, 'data-route': route }, label);
  const items = [link('profile', 'Profile'), link('password', 'Password'), link('keys', 'API keys'),
    h('a', { href: '#/notifications', 'data-route': 'notifications' }, 'Notifications ', h('span', { id: 'unseen' }))];
  if (me.admin) {
    items.push(link('admin/users', 'Users'), link('admin/queue', 'Approval queue'),
      link('admin/invitations', 'Invitations'), link('admin/outbox', 'Mail outbox'));
  }
  put(nav, items);
  nav.hidden = false;
  put(who, h('span', { id: 'who-name' }, me.id, me.admin ? ' (admin)' : ''),
    h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: doSignOut }, 'Sign out'));
  who.hidden = false;
  showBanners();
  account.refreshUnseen();
}

function hideShell() {
  nav.hidden = true;
  who.hidden = true;
  put(nav);
  put(who);
  put(banner);
  me.id = null;
}

async function doSignOut() {
  await signOut();
  hideShell();
  location.hash = '#/';
  signInPage(msg('ok', 'You are signed out.'));
}

/** The token endpoint or the API ended the session: back to the sign-in page, saying why. */
function sessionEnded(text) {
  dropSession();
  hideShell();
  signInPage(msg('warn', text));
}

function signInPage(notice) {
  const user = h('input', { type: 'text', id: 'signin-user', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', id: 'signin-password', name: 'password', autocomplete: 'current-password', required: true });
  const out = h('div', { id: 'signin-result' });
  const form = h('form', { id: 'signin-form' }, field('User ID', user), field('Password', pass),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const ok = await act(out, 'Sign-in failed', () => signIn(user.value.trim(), pass.value));
    if (ok !== undefined) {
      await enter();
    }
  });
  page('Sign in', notice || null, form,
    h('h2', null, 'Forgot your password?'), forgotForms());
  user.focus();
}

/** CreateTemporaryPassword, then UpdatePassword with the temporary password as the old one. */
function forgotForms() {
  const user = h('input', { type: 'text', id: 'forgot-user', autocomplete: 'username', required: true });
  const out = h('div', { id: 'forgot-result' });
  const ask = h('form', { id: 'forgot-form' }, field('User ID', user),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'E-mail me a temporary password')), out);
  ask.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(out, 'Could not ask for a temporary password',
      () => api('POST', `/users/${encodeURIComponent(user.value.trim())}/temporary_password`, { anonymous: true }),
      'If the account exists, a temporary password is on its way to its e-mail address. Use it below.');
  });
  const tUser = h('input', { type: 'text', id: 'temp-user', autocomplete: 'username', required: true });
  const tPass = h('input', { type: 'password', id: 'temp-password', autocomplete: 'one-time-code', required: true });
  const nPass = h('input', { type: 'password', id: 'temp-new-password', autocomplete: 'new-password', required: true });
  const tOut = h('div', { id: 'temp-result' });
  const set = h('form', { id: 'temp-form' }, field('User ID', tUser), field('Temporary password', tPass),
    field('New password', nPass), h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Set new password')), tOut);
  set.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = tUser.value.trim();
    act(tOut, 'Could not set the password', () => setPasswordWithTemporary(id, tPass.value, nPass.value, false),
      'Your password is changed. Sign in with it above.');
  });
  return [ask, set];
}

/** Into the console with the session just made or resumed; notices (a mail link's outcome) go above the page. */
async function enter(...notices) {
  try {
    await loadMe();
  } catch (e) {
    sessionEnded(e.message);
    return;
  }
  showShell();
  banner.prepend(...notices);
  const target = location.hash.startsWith('#/') && location.hash.length > 2 ? location.hash : '#/profile';
  if (location.hash === target) route(); else location.hash = target;
}

hooks.onPasswordChanged = () => {
  me.requirePasswordUpdate = false;
  showBanners();
};
hooks.onSessionEnded = sessionEnded;

async function route() {
  if (!hasSession()) return;
  let path = location.hash.replace(/^#\/?/, '');
  if (!path.startsWith('admin/') && !routes[path] && path !== '') return;
  if (me.requirePasswordUpdate && path !== 'password') {
    location.hash = '#/password';
    return;
  }
  let arg = null;
  const userMatch = /^admin\/users\/(.+)$/.exec(path);
  if (userMatch) {
    path = 'admin/user';
    arg = decodeURIComponent(userMatch[1]);
  }
  const render = routes[path] || account.profile;
  for (const a of nav.querySelectorAll('a')) {
    if (path.startsWith(a.dataset.route)) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  try {
    await render(arg);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !hasSession()) {
      sessionEnded(e.message);
    } else {
      page('Something went wrong', errorMsg(e));
    }
  }
}

/** /console/token-login?token=…: the token leaves the address bar before anything else happens. */
async function tokenLogin() {
  const token = new URLSearchParams(location.search).get('token') || '';
  history.replaceState(null, '', '/console/');
  page('Signing in…', h('p', null, 'Checking your login link…'));
  try {
    if (!token) throw new ApiError(400, 'The login link has no token.');
    await signInWithLoginToken(token);
  } catch (e) {
    signInPage(errorMsg(e, 'This login link does not work'));
    return;
  }
  // Without a hashchange: the route runs once, after enter() knows who is signed in.
  history.replaceState(null, '', '/console/#/profile');
  await enter();
}

/** After a mail link's action: into the console if this tab has a session, else to the sign-in page. */
async function land(...notices) {
  if (await resume()) {
    await enter(...notices);
  } else {
    signInPage(notices);
  }
}

/** The paths the mails link to (TTS's console paths) and the views they mean. */
const MAIL_LINKS = [
  [/^\/console\/user\/api-keys/, () => '#/keys'],
  [/^\/console\/user\/edit/, () => '#/profile'],
  [/^\/console\/notifications/, () => '#/notifications'],
  [/^\/console\/admin-panel\/user-management\/([^/]+)/, (m) => '#/admin/users/' + m[1]],
];

async function boot() {
  window.addEventListener('hashchange', route);
  // A mail link is /console/{name} or <identity-server-url>/{name}: never a deeper console path such as
  // /console/admin-panel/user-management/{a user named validate}.
  const cut = location.pathname.lastIndexOf('/');
  const dir = location.pathname.slice(0, cut);
  const last = dir === '/console' || !dir.startsWith('/console') ? location.pathname.slice(cut + 1) : '';
  if (last === 'token-login') {
    await tokenLogin();
    return;
  }
  if (Object.hasOwn(MAIL_PAGES, last)) {
    // The link's secrets leave the address bar (and the history) before anything else happens.
    const params = new URLSearchParams(location.search);
    history.replaceState(null, '', '/console/');
    await mailLinkPage(last, params, { enter, land });
    return;
  }
  if (location.pathname !== '/console/') {
    const link = MAIL_LINKS.map(([re, to]) => [re.exec(location.pathname), to]).find(([m]) => m);
    history.replaceState(null, '', '/console/' + (link ? link[1](link[0]) : location.hash));
  }
  if (await resume()) {
    await enter();
  } else {
    signInPage();
  }
}

boot();
