// Where the distribution serves what: the dashboard under `/ops/`, the API under `/api/*`, the
// public form at `/` with its two static files and its receipt inbox.

/** Where `npm run build:web` writes the dashboard (Vite, base `/ops/`). */
export const DASHBOARD_DIST = 'web/ops/dist';
export const DASHBOARD_PATH = '/ops/';
export const API_PATH_PATTERN = '/api/*';
export const CONFIG_PATH = '/ops/config.json';
export const DASHBOARD_PATH_PATTERN = '/ops/*';
/** The public form's static files, served from the bucket's `form/` prefix. */
export const FORM_ASSET_PATHS = ['/form.js', '/form.css'] as const;
/** The receipt inbox: public, so under the form's headers, ahead of `/api/*`. */
export const INBOX_PATH_PATTERN = '/api/inbox*';
