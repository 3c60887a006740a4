// Reading a synthesized TiplineStack: logical ids, each function's IAM statements and
// environment, the distribution's behaviours. Shared by the test files so that each can keep
// its own single synth.
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
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

/** Every handler, the compiler checking that none is missing. */
export const ALL_HANDLERS = Object.keys({
  smsIntake: 0,
  webIntake: 0,
  triage: 0,
  operatorApi: 0,
  tipsterReply: 0,
  twilioCleanup: 0,
  paging: 0,
  smsStatus: 0,
  rosterApi: 0,
  publicForm: 0,
} satisfies Record<HandlerName, 0>) as HandlerName[];

/** CloudFront's managed policies, by their fixed ids. */
export const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
export const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
export const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** Every table with no action: the base for exact per-table expectations, which then also say "nothing elsewhere". */
export function noTable(): Record<string, string[]> {
  return Object.fromEntries(ALL_TABLES.map((shape) => [shape.name, []]));
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function sorted(ids: string[]): string[] {
  return [...ids].sort();
}

/**
 * A template value as one readable string: `Fn::Join` concatenated, `Ref` as `<Id>`, `Fn::GetAtt`
 * as `<Id.Attr>`, so an expectation reads like the deployed value.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const obj = value as Json;
  if (typeof obj.Ref === 'string') return `<${obj.Ref}>`;
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = obj['Fn::Join'];
  if (Array.isArray(join)) return (join[1] as unknown[]).map(render).join(join[0] as string);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
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
 * be created at module level, and destructured, before `beforeAll` has synthesized anything.
 */
export class StackInspector {
  constructor(private readonly get: () => { stack: TiplineStack; template: Template }) {}

  private get stack(): TiplineStack {
    return this.get().stack;
  }

  private get template(): Template {
    return this.get().template;
  }

  readonly logicalId = (construct: IConstruct): string => {
    return this.stack.getLogicalId(construct.node.defaultChild as CfnElement);
  };

  readonly resource = (id: string): Json => {
    const found = (this.template.toJSON().Resources as Record<string, Json | undefined>)[id];
    if (found === undefined) throw new Error(`no resource ${id}`);
    return found;
  };

  readonly props = (id: string): Json => {
    return this.resource(id).Properties as Json;
  };

  /** The one resource of `type` in the stack, as [logical id, properties]. */
  readonly only = (type: string): [string, Json] => {
    const entries = Object.entries(this.template.findResources(type));
    expect(entries, type).toHaveLength(1);
    const [id, found] = entries[0] ?? ['', {}];
    return [id, (found as Json).Properties as Json];
  };

  readonly roleIdOf = (handler: HandlerName): string => {
    const role = this.stack.functions[handler].role;
    if (role === undefined) throw new Error(`${handler} has no role`);
    return this.logicalId(role);
  };

  /** Every statement attached to a function's execution role: its own policies and inline ones. */
  readonly statementsOf = (handler: HandlerName): Statement[] => {
    const roleId = this.roleIdOf(handler);
    const attached = Object.values(this.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => referencedIds((policy.Properties as Json).Roles).includes(roleId))
      .flatMap((policy) => toStatements((policy.Properties as Json).PolicyDocument));
    const inline = asArray((this.props(roleId).Policies as Json[] | undefined) ?? []).flatMap((p) => toStatements(p.PolicyDocument));
    return [...attached, ...inline];
  };

  /**
   * Statements on the function's own log group or on the tables', queues' or secrets' key: the
   * plumbing every function has in some measure, asserted on its own in hardening.test.ts.
   */
  private readonly isPlumbing = (handler: HandlerName, statement: Statement): boolean => {
    const { functions, keys } = this.stack;
    const plumbing = new Set([
      this.logicalId(functions[handler].logGroup),
      this.logicalId(keys.tables),
      this.logicalId(keys.queues),
      this.logicalId(keys.secrets),
    ]);
    const ids = referencedIds(statement.resources);
    return ids.length > 0 && ids.every((id) => plumbing.has(id));
  };

  /** A function's statements on what it works with: tables, queues, secrets, the vault key. */
  readonly ownStatementsOf = (handler: HandlerName): Statement[] => {
    return this.statementsOf(handler).filter((s) => !this.isPlumbing(handler, s));
  };

  /** The actions of ownStatementsOf: what the function may do with data, logging and encryption at rest aside. */
  readonly dataActions = (handler: HandlerName): string[] => {
    return this.ownStatementsOf(handler)
      .filter((s) => s.effect === 'Allow')
      .flatMap((s) => s.actions);
  };

  readonly allowedActions = (handler: HandlerName): string[] => {
    return this.statementsOf(handler)
      .filter((s) => s.effect === 'Allow')
      .flatMap((s) => s.actions);
  };

  /** Logical ids of the resources on which `handler` is allowed `action`. */
  readonly resourcesAllowed = (handler: HandlerName, action: string): string[] => {
    const ids = this.statementsOf(handler)
      .filter((s) => s.effect === 'Allow' && s.actions.includes(action))
      .flatMap((s) => referencedIds(s.resources));
    return [...new Set(ids)].sort();
  };

  /** Actions `handler` is allowed on the resource with logical id `id` (index ARNs count as the table). */
  readonly actionsOn = (handler: HandlerName, id: string): string[] => {
    const actions = this.statementsOf(handler)
      .filter((s) => s.effect === 'Allow' && referencedIds(s.resources).includes(id))
      .flatMap((s) => s.actions);
    return [...new Set(actions)].sort();
  };

  /** Every Allow statement of every IAM policy in the stack, with the roles it is attached to. */
  readonly allPolicyStatements = (): Array<Statement & { policy: string; roles: string[] }> => {
    return Object.entries(this.template.findResources('AWS::IAM::Policy')).flatMap(([policy, found]) => {
      const properties = found.Properties as Json;
      const roles = referencedIds(properties.Roles);
      return toStatements(properties.PolicyDocument)
        .filter((s) => s.effect === 'Allow')
        .map((s) => ({ ...s, policy, roles }));
    });
  };

  /** Allow statements of every IAM policy, managed policy and inline role policy in the stack. */
  readonly everyAllowStatement = (): Array<Statement & { where: string }> => {
    const resources = this.template.toJSON().Resources as Record<string, { Type: string; Properties?: Json }>;
    return Object.entries(resources).flatMap(([id, r]) => {
      const documents =
        r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy'
          ? [r.Properties?.PolicyDocument]
          : r.Type === 'AWS::IAM::Role'
            ? asArray(r.Properties?.Policies as Json[] | undefined).map((p) => p.PolicyDocument)
            : [];
      return documents.flatMap((document) =>
        toStatements(document)
          .filter((s) => s.effect === 'Allow')
          .map((s) => ({ ...s, where: id })),
      );
    });
  };

  readonly tableIdByShapeName = (name: string): string => {
    const table = this.stack.storage.byShapeName.get(name);
    if (table === undefined) throw new Error(`no table for shape ${name}`);
    return this.logicalId(table);
  };

  /** A table's name as the template gives it to a function (`{ Ref: <table> }`). */
  readonly tableRef = (name: string): Json => {
    return { Ref: this.tableIdByShapeName(name) };
  };

  /** The DynamoDB actions `handler` holds on each table (its indexes included), by shape name. */
  readonly actionsByTable = (handler: HandlerName): Record<string, string[]> => {
    return Object.fromEntries(
      ALL_TABLES.map((shape) => [shape.name, this.actionsOn(handler, this.tableIdByShapeName(shape.name)).filter((a) => a.startsWith('dynamodb:'))]),
    );
  };

  /**
   * Where on a table `handler` may run `action`: `table` for the table's own ARN, an index's
   * name for `<table arn>/index/<name>`, `*` for every index.
   */
  readonly targetsOf = (handler: HandlerName, action: string, name: string): string[] => {
    const tableArn = JSON.stringify({ 'Fn::GetAtt': [this.tableIdByShapeName(name), 'Arn'] });
    const targets = this.statementsOf(handler)
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
  };

  /** Whether `handler` may Query every index of a table, each by name (never `<table arn>/index/*`). */
  readonly queryableIndexesOf = (handler: HandlerName, name: string): boolean => {
    const shape = ALL_TABLES.find((candidate) => candidate.name === name);
    if (shape === undefined || shape.indexes.length === 0) throw new Error(`table ${name} has no indexes`);
    const targets = this.targetsOf(handler, 'dynamodb:Query', name);
    return !targets.includes('*') && shape.indexes.every((index) => targets.includes(index.name));
  };

  readonly distributionConfig = (): Json => {
    return this.props(this.logicalId(this.stack.dashboard.distribution)).DistributionConfig as Json;
  };

  /** The distribution's one cache behaviour for `pathPattern`. */
  readonly behavior = (pathPattern: string): Json => {
    const found = (this.distributionConfig().CacheBehaviors as Json[]).filter((b) => b.PathPattern === pathPattern);
    expect(found, pathPattern).toHaveLength(1);
    return found[0] ?? {};
  };

  /** The one origin a behaviour targets. */
  readonly originOf = (behavior: Json): Json => {
    const [origin, ...more] = (this.distributionConfig().Origins as Json[]).filter((o) => o.Id === behavior.TargetOriginId);
    expect(more).toEqual([]);
    return origin ?? {};
  };

  readonly envOf = (handler: HandlerName): Json => {
    return ((this.props(this.logicalId(this.stack.functions[handler])).Environment as Json).Variables as Json) ?? {};
  };
}

export function inspect(get: () => { stack: TiplineStack; template: Template }): StackInspector {
  return new StackInspector(get);
}
