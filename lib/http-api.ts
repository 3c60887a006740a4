import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES } from '../functions/config/tables';
import { acknowledge } from './nag';

type Route = (typeof ROUTES)[number];

/**
 * What API Gateway writes per request: which route, how it ended and how long it took. Nothing
 * that says who asked or about what: no source IP, no User-Agent, no path (it holds tip ids and
 * receipt lookups), no query string, no authorizer claims (staff e-mail). The route key is the
 * template (`POST /api/tips/{id}/replies`), never the values.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
} as const;

export interface TiplineHttpApiProps {
  handlers: Record<Route['handler'], IFunction>;
  /** The `iss` that `jwt` routes require (the user pool's issuer URL). */
  jwtIssuer: string;
  /** The `aud` (app client ids) that `jwt` routes accept. */
  jwtAudience: [string, ...string[]];
  /** Settings `publicUrl`, when a custom domain fronts the API. */
  publicUrl?: string;
}

/** One HTTP API for the Twilio webhook, the public form and the operator dashboard. */
export class TiplineHttpApi extends Construct {
  readonly api: HttpApi;
  /**
   * Base URL the outside world uses, without a trailing slash: the `publicUrl` setting when a
   * custom domain fronts the API, otherwise the execute-api endpoint.
   */
  readonly publicUrl: string;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: TiplineHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'tipline: Twilio webhook, web tip form, operator API',
      // The default stage is added below, because only an explicit stage takes throttling.
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A ceiling for the whole API so a flood against the public endpoints cannot run up
      // Lambda concurrency or the bill; far above any real tip rate.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.publicUrl = (props.publicUrl ?? this.api.apiEndpoint).replace(/\/+$/, '');

    // One integration per function, shared by its routes.
    const integrations = new Map<Route['handler'], HttpLambdaIntegration>();
    const integrationFor = (handler: Route['handler']): HttpLambdaIntegration => {
      let integration = integrations.get(handler);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${capitalize(handler)}Integration`, props.handlers[handler]);
        integrations.set(handler, integration);
      }
      return integration;
    };
    // The first gate only: it checks signature, issuer, audience and expiry, not groups. The
    // handlers verify the token again and check the route's roles, so neither layer alone
    // decides who reads a tip.
    const jwtAuthorizer = new HttpJwtAuthorizer('OperatorJwt', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
      identitySource: ['$request.header.Authorization'],
    });

    for (const route of ROUTES) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.handler),
        authorizer: authorizerFor(route, jwtAuthorizer),
      });
      if (route.auth !== 'jwt') {
        for (const httpRoute of added) acknowledge(httpRoute, { id: 'AwsSolutions-APIG4', reason: UNAUTHORIZED_ROUTE_REASONS[route.auth] });
      }
    }
  }

  /** Full public URL of a route path from ROUTES. */
  urlOf(path: Route['path']): string {
    return `${this.publicUrl}${path}`;
  }
}

/** Why a route without an API Gateway authorizer is still closed to whom it must be. */
const UNAUTHORIZED_ROUTE_REASONS: Record<Exclude<Route['auth'], 'jwt'>, string> = {
  'twilio-signature':
    "Twilio cannot present a token: the handler verifies Twilio's X-Twilio-Signature (HMAC of the configured " +
    'public URL and body under the auth token) before it reads anything, and answers 403 otherwise.',
  none:
    'Public by design: anonymous tipsters use the form and its receipt inbox without an account (an account would identify them); ' +
    'the inbox answers only to a receipt code checked with a slow hash, and WAF and stage throttling limit the rate.',
};

function authorizerFor(route: Route, jwtAuthorizer: IHttpRouteAuthorizer): IHttpRouteAuthorizer | undefined {
  switch (route.auth) {
    case 'jwt':
      return jwtAuthorizer;
    // The handler verifies the Twilio signature itself; API Gateway cannot.
    case 'twilio-signature':
    case 'none':
      return undefined;
    default: {
      const unreachable: never = route;
      throw new Error(`unknown route auth: ${JSON.stringify(unreachable)}`);
    }
  }
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
