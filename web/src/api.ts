// The one place the UI talks to the server. Cookie session + CSRF header on writes; every
// error becomes an ApiError carrying the server's own messages (OperationOutcome or {"error"}).

export interface Problem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public problems: Problem[] = [],
    public body: any = null, // the whole error body, for endpoints that explain more (a dose check)
  ) {
    super(message);
  }
}

export interface User {
  username: string;
  role: string;
  csrf: string;
  permissions: string[]; // what the server lets this role do (core/roles.cpp), e.g. "prescribe"
}

// Whether to offer an action at all: the server decides, and this only hides what it would refuse.
export function can(user: User, permission: string): boolean {
  return user.permissions?.includes(permission) ?? false;
}

let csrf = '';
let onSignedOut: (reason: string) => void = () => {};

export function setCsrf(token: string) {
  csrf = token;
}
export function whenSignedOut(handler: (reason: string) => void) {
  onSignedOut = handler;
}

// Pulls readable messages out of either error shape the server uses.
export function problemsOf(body: any): { message: string; problems: Problem[] } {
  if (body?.resourceType === 'OperationOutcome') {
    const problems: Problem[] = (body.issue ?? []).map((i: any) => ({
      field: (i.expression ?? [])[0] ?? '',
      message: i.diagnostics ?? i.code ?? 'error',
    }));
    return { message: problems.map((p) => p.message).join('; '), problems };
  }
  if (body?.error) {
    // The server's sentences start in lower case (they also follow "field: " in lists); shown on
    // their own they start with a capital.
    const message: string = body.error.message ?? 'error';
    return { message: message.charAt(0).toUpperCase() + message.slice(1), problems: body.error.problems ?? [] };
  }
  return { message: 'The server answered with an error.', problems: [] };
}

export async function request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/fhir+json' };
  if (body !== undefined) headers['Content-Type'] = path.startsWith('/fhir') ? 'application/fhir+json' : 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  // A 401 means the session ended (the sign-in's own 401 is a wrong password). Whether there is a
  // session at all is asked of /auth/session, which never answers 401.
  if (response.status === 401 && path !== '/auth/login') {
    onSignedOut('Your session has ended. Please sign in again.');
    // Still true once the user has signed in again over the page (the form keeps it until the next save).
    throw new ApiError(401, 'Not saved: the session had ended. Once signed in again, save again.', [], parsed);
  }
  // The cookie's CSRF token is not ours: someone signed in (or out and in) in another tab of
  // this browser, and the cookie now belongs to that session. Ask for this page's user again.
  const code = parsed?.error?.code ?? parsed?.issue?.[0]?.code;
  if (response.status === 403 && code === 'security' && csrf) {
    onSignedOut('You signed in again in another tab or window, so this page lost its session. Please sign in again.');
    throw new ApiError(403, 'Not saved: this page had lost its session. Once signed in again, save again.', [], parsed);
  }
  if (!response.ok) {
    const { message, problems } = problemsOf(parsed);
    throw new ApiError(response.status, message, problems, parsed);
  }
  return parsed as T;
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Tabs of one browser share the session cookie: each sign-in and sign-out is announced to the
// others (the storage event), which then check whose session the cookie now holds.
export const SESSION_CHANGED_KEY = 'relief.session-changed';
function announceSessionChange() {
  try {
    localStorage.setItem(SESSION_CHANGED_KEY, String(Date.now()));
  } catch {
    // Storage may be off (a locked-down kiosk): the CSRF check still catches the change on save.
  }
}

export async function login(username: string, password: string): Promise<User> {
  const r = await request<{ user: User }>('POST', '/auth/login', { username, password });
  setCsrf(r.user.csrf);
  announceSessionChange();
  return r.user;
}

// The signed-in user, or null on a first visit or after the session ended. /auth/session answers
// 200 either way, so opening the UI leaves no failed request in the browser's console.
export async function currentUser(): Promise<User | null> {
  try {
    const s = await request<{ signed_in: boolean; user?: User }>('GET', '/auth/session');
    if (!s.signed_in || !s.user) return null;
    setCsrf(s.user.csrf);
    return s.user;
  } catch {
    return null;
  }
}

export async function logout() {
  try {
    await request('POST', '/auth/logout');
  } finally {
    setCsrf('');
    announceSessionChange();
  }
}
