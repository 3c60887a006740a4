// Entry: find out how to sign in, sign in if needed, then start the console.
import './styles.css';
import './styles-shift.css';
import './styles-case.css';
import './styles-referral.css';
import './styles-statistics.css';
import * as api from './api';
import { currentToken, finishCognitoSignIn, signOut, signOutLocally, startCognitoSignIn, takeTokenFromFragment } from './auth';
import { loadConfig, type SignInConfig } from './config';
import { replaceChildren } from './dom';
import { lang, t } from './i18n';
import { startApp } from './app';
import { signInView } from './views/sign-in';

const root = document.getElementById('app')!;
document.documentElement.lang = lang();
document.title = t('app.title');

function showSignIn(config: SignInConfig | null, problem: string | null): void {
  replaceChildren(
    root,
    signInView(config, problem, () => {
      if (config?.kind === 'cognito') void startCognitoSignIn(config);
    }),
  );
}

async function boot(): Promise<void> {
  // Out of the address bar before anything else can run or be bookmarked.
  const fragmentToken = takeTokenFromFragment();
  let config: SignInConfig;
  try {
    config = await loadConfig();
  } catch {
    return showSignIn(null, t('signIn.configError'));
  }
  // A token in the fragment is only how the local stack signs in; accepting one in AWS would
  // let a crafted link sign an operator into someone else's account.
  if (config.kind === 'local' && fragmentToken) fragmentToken.keep();
  if (config.kind === 'cognito') {
    try {
      await finishCognitoSignIn(config);
    } catch (error: unknown) {
      return showSignIn(config, t('signIn.failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }
  if (!currentToken()) return showSignIn(config, null);

  let app: { stop(): void } | undefined;
  api.whenUnauthorized(() => {
    app?.stop();
    signOutLocally();
    showSignIn(config, t('signIn.expired'));
  });
  try {
    const me = await api.getMe();
    app = startApp(
      root,
      me,
      () => {
        signOut(config);
        showSignIn(config, null);
      },
      { developer: config.kind === 'local' },
    );
  } catch (error: unknown) {
    if (error instanceof api.ApiError && error.status === 401) return;
    showSignIn(config, t('signIn.failed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}

void boot();
