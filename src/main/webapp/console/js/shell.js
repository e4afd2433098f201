// What the pages share with the shell: who is signed in, how a page is shown, and the shell's hooks.

import { h, put } from './dom.js';

/** Who is signed in: {id, name, admin, state, stateDescription, requirePasswordUpdate, warnings}. */
export const me = { id: null };

/** Set by app.js: onPasswordChanged() after require_password_update is cleared, onSessionEnded(text). */
export const hooks = { onPasswordChanged: () => {}, onSessionEnded: () => {} };

/** Shows a page under its title and moves the focus there, so keyboard and screen-reader users follow. */
export function page(title, ...content) {
  const main = document.getElementById('main');
  put(main, h('h1', null, title), content);
  document.title = `${title} – Keyward`;
  // Focus without scrolling past the header and the account's banners.
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}
