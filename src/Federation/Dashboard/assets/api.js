// The bearer token (from ?token= on first load, then this tab's sessionStorage) and fetch with it.

const TokenKey = 'federation.token';

const here = new URL(window.location.href);
if (here.searchParams.has('token')) {
  sessionStorage.setItem(TokenKey, here.searchParams.get('token'));
  here.searchParams.delete('token');
  history.replaceState(null, '', here.pathname + here.search + here.hash);
}
export const token = () => sessionStorage.getItem(TokenKey) || '';

export function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Accept', 'application/json');
  if (token()) {
    headers.set('Authorization', `Bearer ${token()}`);
  }
  return fetch(path, { ...options, headers });
}
