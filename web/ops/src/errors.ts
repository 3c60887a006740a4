// What an operator reads when something goes wrong, in their language. The API answers a code
// (`error`) with an English message; the dashboard says the code's `apiError.<code>` sentence,
// and for a request it refused field by field, which fields (`apiField.<name>`). The English
// message is shown only to an operator reading English, for a code this dashboard does not know yet.
import { ApiError, NetworkError } from './api';
import type { ApiErrorBody } from './api-types';
import { lang, t, tOr } from './i18n';

export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) return describeApiError(error.status, error.body);
  return t('error.generic', { status: error instanceof Error ? error.message : String(error) });
}

function describeApiError(status: number, body: ApiErrorBody | null): string {
  if (status === 409 && body?.claimedBy) return t('error.claimed', { name: body.claimedBy.name });
  const translated = body?.error ? tOr(`apiError.${body.error}`, '') : '';
  if (translated) return [translated, fieldList(body?.fields)].filter(Boolean).join(' ');
  if (body?.message && lang() === 'en') return [body.message, ...Object.entries(body.fields ?? {}).map(([field, problem]) => `${field}: ${problem}`)].join(' ');
  if (status === 403) return t('error.forbidden');
  return t('error.generic', { status });
}

/** "Revisa: motivo, nota." The field's own problem is the API's English, so only its name is said. */
function fieldList(fields: Record<string, string> | undefined): string {
  const names = Object.keys(fields ?? {}).map((field) => tOr(`apiField.${field}`, ''));
  if (names.length === 0) return '';
  if (names.some((name) => !name)) return t('apiField.checkSome');
  return t('apiField.check', { fields: [...new Set(names)].join(', ') });
}
