// Who may enter. Locally: the demo users the local stack issues tokens for. In AWS: Cognito's
// hosted UI, which asks for the second factor.
import type { SignInConfig } from '../config';
import { h } from '../dom';
import { t } from '../i18n';

export function signInView(config: SignInConfig | null, problem: string | null, startCognito: () => void): HTMLElement {
  const actions: HTMLElement[] = [];
  if (config?.kind === 'local') {
    actions.push(
      h('p', {}, h('a', { class: 'button primary', href: '/local/sign-in?as=operator' }, t('signIn.localOperator'))),
      h('p', {}, h('a', { class: 'button', href: '/local/sign-in?as=supervisor' }, t('signIn.localSupervisor'))),
      h('p', { class: 'hint' }, t('signIn.localNote')),
    );
  } else if (config?.kind === 'cognito') {
    const button = h('button', { type: 'button', class: 'primary' }, t('signIn.cognito'));
    button.addEventListener('click', startCognito);
    actions.push(h('p', {}, button));
  }
  return h(
    'main',
    { class: 'sign-in', id: 'main' },
    h('h1', {}, t('app.title')),
    h('h2', {}, t('signIn.title')),
    problem && h('p', { class: 'alert', role: 'alert' }, problem),
    h('p', {}, t('signIn.intro')),
    ...actions,
  );
}
