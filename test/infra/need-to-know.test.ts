// Need to know in the template: a responder's account says which roster responder it is through
// a Cognito custom attribute that only an administrator can set, and the operator API decides a
// responder's access on one tip's paging, never through the index of a responder's other pages.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { TiplineStack } from '../../lib/tipline-stack';
import { inspect, type Json } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});

const { only } = inspect(() => ({ stack, template }));

describe("a responder's roster id", () => {
  it('is a custom attribute of the user pool, shaped like a roster id', () => {
    const schema = (only('AWS::Cognito::UserPool')[1].Schema as Json[]) ?? [];
    expect(schema.filter((attribute) => attribute.Name === 'responderId')).toEqual([
      { Name: 'responderId', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '3', MaxLength: '40' } },
    ]);
  });

  it('cannot be written through the dashboard client: a responder cannot become another', () => {
    const client = only('AWS::Cognito::UserPoolClient')[1];
    expect([...(client.WriteAttributes as string[])].sort()).toEqual(['email', 'name']);
    // Read through the client (all attributes, when unset), so that the ID token carries it.
    expect(client.ReadAttributes).toBeUndefined();
  });
});
