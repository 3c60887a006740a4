import { HttpApi, HttpMethod, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ROUTES } from '../functions/config/tables';
import { contextString } from './context';

type Route = (typeof ROUTES)[number];

export interface TiplineHttpApiProps {
  handlers: Record<Route['handler'], IFunction>;
  /** The `iss` that `jwt` routes require (the user pool's issuer URL). */
  jwtIssuer: string;
  /** The `aud` (app client ids) that `jwt` routes accept. */
  jwtAudience: [string, ...string[]];
}

/** One HTTP API for the Twilio webhook, the public form and the operator dashboard. */
export class TiplineHttpApi extends Construct {
  readonly api: HttpApi;
  /**
   * Base URL the outside world uses, without a trailing slash: the `publicUrl` context value
   * when a custom domain fronts the API, otherwise the execute-api endpoint.
   */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: TiplineHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'tipline: Twilio webhook, web tip form, operator API',
      // The default stage is added below, because only an explicit stage takes throttling.
      createDefaultStage: false,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A ceiling for the whole API so a flood against the public endpoints cannot run up
      // Lambda concurrency or the bill; far above any real tip rate.
      throttle: { rateLimit: 50, burstLimit: 100 },
    });

    this.publicUrl = (contextString(this, 'publicUrl') ?? this.api.apiEndpoint).replace(/\/+$/, '');

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
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.handler),
        authorizer: authorizerFor(route, jwtAuthorizer),
      });
    }
  }

  /** Full public URL of a route path from ROUTES. */
  urlOf(path: Route['path']): string {
    return `${this.publicUrl}${path}`;
  }
}

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
