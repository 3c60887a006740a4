// Defaults shared by the CDK app and the handlers. Side-effect free.

/** Told to every tipster. Labels stay neutral: someone else may read the phone. */
export const DEFAULT_EMERGENCY_NUMBERS = '105:Policía,1818';

export const DEFAULT_THREAD_WINDOW_MINUTES = 30;

export const DEFAULT_VAULT_TTL_DAYS = 30;

/** A site nobody would remark on in a browser's history. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.google.com/search?q=clima';
