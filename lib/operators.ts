import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  StringAttribute,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { ROLES, type Role } from '../functions/config/tables';
import { acknowledge } from './nag';
import type { TiplineFunction } from './tipline-function';

const GROUP_DESCRIPTIONS: Record<Role, string> = {
  operator: 'Works the queue: claims, notes, level overrides, replies.',
  supervisor: 'Everything an operator does, plus reopening closed tips and reading audit trails.',
  responder: 'Opens the tips they were paged for; no queue.',
};

// Lower number wins when a user is in several groups (the `cognito:preferred_role` order).
const GROUP_PRECEDENCE: Record<Role, number> = { supervisor: 0, operator: 1, responder: 2 };

export interface OperatorsProps {
  /** Settings `stage`: part of the default hosted UI prefix, so that two stages share an account. */
  stage: string;
  /** Settings `cognitoDomainPrefix` (checked there); unset, one is derived (defaultDomainPrefix below). */
  domainPrefix?: string;
}

/**
 * Staff sign-in: a Cognito user pool whose groups are the roles in `ROLES`, its hosted UI, and
 * the dashboard's app client. The API Gateway authorizer and the handlers both check the
 * pool's tokens (`trustTokensIn`), so a route misconfigured at one layer is still closed at the other.
 */
export class Operators extends Construct {
  readonly userPool: UserPool;
  readonly groups: Readonly<Record<Role, UserPoolGroup>>;
  readonly domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the hosted UI and the OAuth endpoints. */
  readonly signInUrl: string;
  /** The `iss` claim of the pool's tokens. */
  readonly issuerUrl: string;
  private client: UserPoolClient | undefined;

  constructor(scope: Construct, id: string, props: OperatorsProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by an administrator: nobody may give themselves access to tips.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      // A responder's roster id (functions/adapters/operator-auth.ts): which tips paging sent
      // them, so which they may read. Set by an administrator; the dashboard's client cannot
      // write it (writeAttributes below), so no responder can make themselves another one.
      customAttributes: { responderId: new StringAttribute({ minLen: 3, maxLen: 40, mutable: true }) },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.REQUIRED,
      // TOTP only: SMS codes would put staff phone numbers through another provider and are
      // open to SIM swapping; email codes would make the mailbox a second factor for itself.
      mfaSecondFactor: { otp: true, sms: false, email: false },
      // Not by SMS, for the same reason; no phone number is ever collected.
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Essentials covers password history and the hosted UI within the free tier for a team
      // this size. Threat protection ("advanced security") needs the Plus plan, a per-user cost
      // this deployment does not take on by default.
      featurePlan: FeaturePlan.ESSENTIALS,
      // Deleting the pool would delete every staff account and its MFA enrolment.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, {
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials, not Plus: threat protection is a per-user cost this deployment does not take on by default; the risks it scores are ' +
        'covered here by TOTP MFA required for every account, no self sign-up, sign-in only through the hosted UI, and one-hour tokens.',
    });

    const groups: Partial<Record<Role, UserPoolGroup>> = {};
    for (const role of ROLES) {
      groups[role] = new UserPoolGroup(this, `${role.charAt(0).toUpperCase()}${role.slice(1)}Group`, {
        userPool: this.userPool,
        groupName: role,
        description: GROUP_DESCRIPTIONS[role],
        precedence: GROUP_PRECEDENCE[role],
      });
    }
    this.groups = groups as Record<Role, UserPoolGroup>;

    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix ?? defaultDomainPrefix(props.stage) } });
    this.signInUrl = this.domain.baseUrl();
    // Built the way API Gateway's own Cognito authorizer builds it; the pool's ProviderURL
    // attribute lacks the scheme on some partitions.
    this.issuerUrl = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /**
   * The dashboard's app client. Public (a browser cannot keep a secret), so the code grant is
   * protected by PKCE, which the dashboard sends and Cognito checks; sign-in happens only in
   * the hosted UI, where the pool enforces MFA.
   */
  addDashboardClient(dashboardUrl: string): UserPoolClient {
    if (this.client !== undefined) throw new Error('the dashboard client exists already');
    this.client = this.userPool.addClient('DashboardClient', {
      generateSecret: false,
      // No password, SRP or custom flows: a script holding a password could otherwise sign in
      // through the API and skip the hosted UI. Only refreshing a session stays.
      authFlows: { userPassword: false, adminUserPassword: false, custom: false, userSrp: false, user: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [dashboardUrl],
        logoutUrls: [dashboardUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Not custom:responderId: it decides which tips a responder reads.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
      preventUserExistenceErrors: true,
      // A stolen token is good for an hour at most; a working night is 12 hours of refreshes,
      // after which the operator signs in (and passes MFA) again.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    return this.client;
  }

  get dashboardClient(): UserPoolClient {
    if (this.client === undefined) throw new Error('addDashboardClient() has not been called');
    return this.client;
  }

  /**
   * The staff directory (functions/adapters/cognito-staff.ts): who a tip can be handed to. Only
   * ListUsersInGroup, on this pool only: the function reads the members of a group it names and
   * can change nobody's account, group or attributes.
   */
  listStaffIn(fn: TiplineFunction): void {
    fn.addEnvironment(ENV.staffUserPoolId, this.userPool.userPoolId);
    this.userPool.grant(fn, 'cognito-idp:ListUsersInGroup');
  }

  /** The handlers verify every token again (issuer, audience, groups) with aws-jwt-verify. */
  trustTokensIn(fn: TiplineFunction): void {
    fn.addEnvironment(ENV.jwtIssuer, this.issuerUrl);
    fn.addEnvironment(ENV.jwtAudience, this.dashboardClient.userPoolClientId);
  }
}

/**
 * Prefix domains are unique per region across all of AWS, so the default carries the account
 * id as well as the stage (a second stage, or another organisation's copy, does not collide):
 * `tipline-<stage>-<account>`, at most 41 characters. The app can therefore compute the sign-in
 * origin itself (the dashboard's CSP, dashboard/deployment.ts). Settings `cognitoDomainPrefix`
 * overrides it.
 */
export function defaultDomainPrefix(stage: string): string {
  return `tipline-${stage}-${Aws.ACCOUNT_ID}`;
}
