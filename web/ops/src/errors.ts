// What an operator reads when something goes wrong. The API's messages already say what to do
// next (who holds the tip, that the tipster cannot be reached), so they are shown as written,
// unless the dashboard has the error's code in the operator's language (`apiError.<code>`).
import { ApiError, NetworkError } from './api';
import { t, tOr } from './i18n';

export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 409 && error.body?.claimedBy) return t('error.claimed', { name: error.body.claimedBy.name });
    const translated = error.body?.error ? tOr(`apiError.${error.body.error}`, '') : '';
    if (translated) return translated;
    if (error.body?.message) {
      const fields = error.body.fields ? Object.entries(error.body.fields).map(([field, problem]) => `${field}: ${problem}`) : [];
      return [error.body.message, ...fields].join(' ');
    }
    if (error.status === 403) return t('error.forbidden');
    return t('error.generic', { status: error.status });
  }
  return t('error.generic', { status: error instanceof Error ? error.message : String(error) });
}
