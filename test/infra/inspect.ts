// Reading a synthesized TiplineStack: logical ids, each function's IAM statements and
// environment. Shared by the test files so that each can keep its own single synth.
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { ALL_TABLES } from '../../functions/config/tables';
import type { HandlerName } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';

export type Json = Record<string, unknown>;

export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: unknown[];
  conditions: Json | undefined;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function sorted(ids: string[]): string[] {
  return [...ids].sort();
}

/** Logical ids that a resource expression points at, through Ref, Fn::GetAtt and Fn::Join. */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Json;
  if (typeof obj.Ref === 'string') return [obj.Ref];
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  return Object.values(obj).flatMap(referencedIds);
}

export function toStatements(document: unknown): Statement[] {
  const raw = asArray((document as { Statement?: Json | Json[] }).Statement);
  return raw.map((s) => ({
    effect: s.Effect as 'Allow' | 'Deny',
    actions: asArray(s.Action as string | string[]),
    resources: asArray(s.Resource as unknown),
    conditions: s.Condition as Json | undefined,
  }));
}

/**
 * Helpers bound to a stack and its template. `get` is called on every use, so the helpers can
 * be created at module level before `beforeAll` has synthesized anything.
 */
export function inspect(get: () => { stack: TiplineStack; template: Template }) {
  const stackOf = () => get().stack;
  const templateOf = () => get().template;

  function logicalId(construct: IConstruct): string {
    return stackOf().getLogicalId(construct.node.defaultChild as CfnElement);
  }

  function resource(id: string): Json {
    const found = (templateOf().toJSON().Resources as Record<string, Json | undefined>)[id];
    if (found === undefined) throw new Error(`no resource ${id}`);
    return found;
  }

  function props(id: string): Json {
    return resource(id).Properties as Json;
  }

  function roleIdOf(handler: HandlerName): string {
    const role = stackOf().functions[handler].role;
    if (role === undefined) throw new Error(`${handler} has no role`);
    return logicalId(role);
  }

  /** Every statement attached to a function's execution role: its own policies and inline ones. */
  function statementsOf(handler: HandlerName): Statement[] {
    const roleId = roleIdOf(handler);
    const attached = Object.values(templateOf().findResources('AWS::IAM::Policy'))
      .filter((policy) => referencedIds((policy.Properties as Json).Roles).includes(roleId))
      .flatMap((policy) => toStatements((policy.Properties as Json).PolicyDocument));
    const inline = asArray((props(roleId).Policies as Json[] | undefined) ?? []).flatMap((p) => toStatements(p.PolicyDocument));
    return [...attached, ...inline];
  }

  /**
   * Statements on the function's own log group or on the tables' or queues' key: the plumbing
   * every function has in some measure, asserted on its own in hardening.test.ts.
   */
  function isPlumbing(handler: HandlerName, statement: Statement): boolean {
    const plumbing = new Set([logicalId(stackOf().functions[handler].logGroup), logicalId(stackOf().keys.tables), logicalId(stackOf().keys.queues)]);
    const ids = referencedIds(statement.resources);
    return ids.length > 0 && ids.every((id) => plumbing.has(id));
  }

  /** A function's statements on what it works with: tables, queues, secrets, the vault key. */
  function ownStatementsOf(handler: HandlerName): Statement[] {
    return statementsOf(handler).filter((s) => !isPlumbing(handler, s));
  }

  /** The actions of ownStatementsOf: what the function may do with data, logging and encryption at rest aside. */
  function dataActions(handler: HandlerName): string[] {
    return ownStatementsOf(handler)
      .filter((s) => s.effect === 'Allow')
      .flatMap((s) => s.actions);
  }

  function allowedActions(handler: HandlerName): string[] {
    return statementsOf(handler)
      .filter((s) => s.effect === 'Allow')
      .flatMap((s) => s.actions);
  }

  /** Logical ids of the resources on which `handler` is allowed `action`. */
  function resourcesAllowed(handler: HandlerName, action: string): string[] {
    const ids = statementsOf(handler)
      .filter((s) => s.effect === 'Allow' && s.actions.includes(action))
      .flatMap((s) => referencedIds(s.resources));
    return [...new Set(ids)].sort();
  }

  /** Actions `handler` is allowed on the resource with logical id `id` (index ARNs count as the table). */
  function actionsOn(handler: HandlerName, id: string): string[] {
    const actions = statementsOf(handler)
      .filter((s) => s.effect === 'Allow' && referencedIds(s.resources).includes(id))
      .flatMap((s) => s.actions);
    return [...new Set(actions)].sort();
  }

  /** Every Allow statement of every IAM policy in the stack, with the roles it is attached to. */
  function allPolicyStatements(): Array<Statement & { policy: string; roles: string[] }> {
    return Object.entries(templateOf().findResources('AWS::IAM::Policy')).flatMap(([policy, found]) => {
      const properties = found.Properties as Json;
      const roles = referencedIds(properties.Roles);
      return toStatements(properties.PolicyDocument)
        .filter((s) => s.effect === 'Allow')
        .map((s) => ({ ...s, policy, roles }));
    });
  }

  /** Allow statements of every IAM policy, managed policy and inline role policy in the stack. */
  function everyAllowStatement(): Array<Statement & { where: string }> {
    const resources = templateOf().toJSON().Resources as Record<string, { Type: string; Properties?: Json }>;
    return Object.entries(resources).flatMap(([id, r]) => {
      const documents =
        r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy'
          ? [r.Properties?.PolicyDocument]
          : r.Type === 'AWS::IAM::Role'
            ? asArray(r.Properties?.Policies as Json[] | undefined).map((p) => p.PolicyDocument)
            : [];
      return documents.flatMap((document) => toStatements(document).filter((s) => s.effect === 'Allow').map((s) => ({ ...s, where: id })));
    });
  }

  function tableIdByShapeName(name: string): string {
    const table = stackOf().storage.byShapeName.get(name);
    if (table === undefined) throw new Error(`no table for shape ${name}`);
    return logicalId(table);
  }

  /** The DynamoDB actions `handler` holds on each table (its indexes included), by shape name. */
  function actionsByTable(handler: HandlerName): Record<string, string[]> {
    return Object.fromEntries(
      ALL_TABLES.map((shape) => [shape.name, actionsOn(handler, tableIdByShapeName(shape.name)).filter((a) => a.startsWith('dynamodb:'))]),
    );
  }

  /**
   * Where on a table `handler` may run `action`: `table` for the table's own ARN, an index's
   * name for `<table arn>/index/<name>`, `*` for every index.
   */
  function targetsOf(handler: HandlerName, action: string, name: string): string[] {
    const tableArn = JSON.stringify({ 'Fn::GetAtt': [tableIdByShapeName(name), 'Arn'] });
    const targets = statementsOf(handler)
      .filter((s) => s.effect === 'Allow' && s.actions.includes(action))
      .flatMap((s) => s.resources)
      .flatMap((r) => {
        if (JSON.stringify(r) === tableArn) return ['table'];
        const join = (r as Json | null)?.['Fn::Join'] as [string, unknown[]] | undefined;
        const [arn, suffix, ...rest] = join?.[1] ?? [];
        if (join?.[0] !== '' || JSON.stringify(arn) !== tableArn || typeof suffix !== 'string' || rest.length > 0) return [];
        const index = /^\/index\/(.+)$/.exec(suffix);
        return index?.[1] === undefined ? [`<unexpected ${suffix}>`] : [index[1]];
      });
    return sorted([...new Set(targets)]);
  }

  /** Whether `handler` may Query every index of a table, each by name (never `<table arn>/index/*`). */
  function queryableIndexesOf(handler: HandlerName, name: string): boolean {
    const shape = ALL_TABLES.find((candidate) => candidate.name === name);
    if (shape === undefined || shape.indexes.length === 0) throw new Error(`table ${name} has no indexes`);
    const targets = targetsOf(handler, 'dynamodb:Query', name);
    return !targets.includes('*') && shape.indexes.every((index) => targets.includes(index.name));
  }

  function envOf(handler: HandlerName): Json {
    return ((props(logicalId(stackOf().functions[handler])).Environment as Json).Variables as Json) ?? {};
  }

  return {
    logicalId,
    resource,
    props,
    roleIdOf,
    statementsOf,
    ownStatementsOf,
    dataActions,
    allowedActions,
    resourcesAllowed,
    actionsOn,
    allPolicyStatements,
    everyAllowStatement,
    tableIdByShapeName,
    actionsByTable,
    targetsOf,
    queryableIndexesOf,
    envOf,
  };
}
