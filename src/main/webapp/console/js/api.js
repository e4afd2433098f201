// The console's only way to the server: the public token endpoint and /api/v3.
// The access token lives in this module's memory only. The refresh token is kept in sessionStorage
// (this tab, until it closes; never localStorage) so that a reload can resume the session.

const REFRESH_KEY = 'keyward.refresh';
let accessToken = null;
let refreshing = null;

/** A refused call, in words: the TTS error message, the field it concerns, and when to retry. */
export class ApiError extends Error {
  constructor(status, message, { field = null, name = null, retryAfter = null } = {}) {
    super(message);
    this.status = status;
    this.field = field;
    this.name = name;
    this.retryAfter = retryAfter;
  }
}

function retryAfterOf(response) {
  const v = response.headers.get('Retry-After');
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

function fill(format, attributes) {
  return (format || '').replace(/\{(\w+)\}/g, (m, k) => (attributes && k in attributes ? String(attributes[k]) : m));
}

/** A TTS error body in words: the innermost cause's message, and the dotted path of the fields it names. */
function errorOf(status, body, retryAfter) {
  const details = body && Array.isArray(body.details) ? body.details : [];
  if (details.length === 0) {
    return new ApiError(status, (body && body.message) || `The server answered ${status}.`, { retryAfter });
  }
  let d = details[0];
  const fields = [];
  for (;;) {
    if (d.attributes && typeof d.attributes.field === 'string') fields.push(d.attributes.field);
    if (!d.cause) break;
    d = d.cause;
  }
  let text = fill(d.message_format, d.attributes) || body.message;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return new ApiError(status, text, { field: fields.length ? fields.join('.') : null, name: details[0].name, retryAfter });
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { message: `The server answered ${response.status} without a readable body.` };
  }
}

async function tokenRequest(form) {
  let response;
  try {
    response = await fetch('/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  const body = await readJson(response);
  if (!response.ok) {
    const retryAfter = retryAfterOf(response);
    let text = body.error_description || body.error || `The server answered ${response.status}.`;
    if (body.error === 'invalid_grant' && /invalid user ID or password/.test(text)) text = 'Wrong user ID or password.';
    text = text.charAt(0).toUpperCase() + text.slice(1);
    throw new ApiError(response.status, text, { name: body.error, retryAfter });
  }
  accessToken = body.access_token;
  sessionStorage.setItem(REFRESH_KEY, body.refresh_token);
  return true;
}

export function signIn(username, password) {
  return tokenRequest({ grant_type: 'password', username, password });
}

export function signInWithLoginToken(token) {
  return tokenRequest({ grant_type: 'urn:keyward:grant-type:login-token', token });
}

export function hasSession() {
  return accessToken !== null;
}

/** One refresh at a time: a refresh token is spent once, and a second use would end the session. */
function refresh() {
  if (!refreshing) {
    const token = sessionStorage.getItem(REFRESH_KEY);
    if (!token) return Promise.reject(new ApiError(401, 'Your session has ended. Please sign in again.'));
    refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: token })
      .catch((e) => {
        forget();
        throw new ApiError(401, 'Your session has ended. Please sign in again.', { retryAfter: e.retryAfter });
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** After a reload: a new access token from the tab's refresh token, if there is one. */
export async function resume() {
  if (!sessionStorage.getItem(REFRESH_KEY)) return false;
  try {
    await refresh();
    return true;
  } catch {
    return false;
  }
}

function forget() {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
}

/** Ends the session on the server (its whole token family), then here. */
export async function signOut() {
  const token = sessionStorage.getItem(REFRESH_KEY) || accessToken;
  forget();
  if (token) {
    try {
      await fetch('/oauth/revoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
        credentials: 'omit',
      });
    } catch {
      // Signed out here in any case; the server's tokens then expire on their own.
    }
  }
}

/** Forgets the session without telling the server (it already revoked the tokens). */
export function dropSession() {
  forget();
}

function url(path, query) {
  const u = new URL('/api/v3' + path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(one));
  }
  return u.pathname + u.search;
}

/**
 * Calls /api/v3{path}; answers {data, total, warnings}. A 401 with a session tries one refresh first.
 * Failures throw an ApiError in words.
 */
export async function api(method, path, { body, query, anonymous = false } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken && !anonymous) headers.Authorization = 'Bearer ' + accessToken;
    let response;
    try {
      response = await fetch(url(path, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
    }
    if (response.status === 401 && accessToken && !anonymous && attempt === 0) {
      await refresh();
      continue;
    }
    const data = await readJson(response);
    if (!response.ok) throw errorOf(response.status, data, retryAfterOf(response));
    const total = response.headers.get('X-Total-Count');
    const warnings = response.headers.get('X-Warning');
    return {
      data,
      total: total === null ? null : Number(total),
      warnings: warnings ? warnings.split(/,\s*(?=Restricted)/) : [],
    };
  }
}
