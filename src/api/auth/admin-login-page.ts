import { ADMIN_QUEUES_PATH } from '../routes/admin.js';
import { ADMIN_LOGIN_PATH, ADMIN_LOGOUT_PATH } from './admin-session.js';

/** What the login page shows. */
export interface LoginPageView {
  /** The CSRF token the forms carry. */
  csrf: string;
  /** Why the last attempt was refused. */
  error?: string;
  /** The key id of the session this browser holds, with its expiry: the page offers a logout. */
  signedIn?: { keyId: string; expiresAt: number };
}

/**
 * The admin login form, or the signed-in view with a logout button. One self-contained page:
 * no script, no external asset, only an inline style (the page CSP allows inline styles).
 */
export function renderLoginPage(view: LoginPageView): string {
  const csrf = `<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">`;
  const error = view.error ? `<p class="error" role="alert">${escapeHtml(view.error)}</p>` : '';
  const body = view.signedIn
    ? `<p>Signed in with key <strong>${escapeHtml(view.signedIn.keyId)}</strong> until
  ${escapeHtml(new Date(view.signedIn.expiresAt).toISOString())}.</p>
<p><a href="${ADMIN_QUEUES_PATH}">Open the queue dashboard</a></p>
<form method="post" action="${ADMIN_LOGOUT_PATH}">${csrf}
  <button type="submit">Sign out</button>
</form>`
    : `<form method="post" action="${ADMIN_LOGIN_PATH}">${csrf}
  <label for="key">Admin API key</label>
  <input id="key" name="key" type="password" autocomplete="off" required autofocus>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Only keys with the admin scope may sign in. The session lasts a short while and
ends when the key is removed from API_KEYS_FILE.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>eks-jobs admin sign-in</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; color: #1f2933; }
h1 { font-size: 1.4rem; }
label { display: block; margin: 1rem 0 .25rem; }
input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }
button { margin-top: 1rem; padding: .5rem 1rem; font: inherit; }
.error { color: #b42318; font-weight: 600; }
.hint { color: #52606d; font-size: .9rem; }
</style>
</head>
<body>
<h1>eks-jobs admin</h1>
${error}
${body}
</body>
</html>
`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}
