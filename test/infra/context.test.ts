// The context values that configure Twilio and the vault, checked on bare stacks: no
// functions, so nothing is bundled and the one real synth stays in stack.test.ts.
import { App, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VAULT_TTL_DAYS } from '../../functions/config/defaults';
import { ContactVault } from '../../lib/contact-vault';
import { readTwilioAccount, TWILIO_ACCOUNT_SID_PLACEHOLDER, TWILIO_SENDER_PLACEHOLDER } from '../../lib/twilio-account';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;

function bareStack(context: Record<string, unknown> = {}): Stack {
  return new Stack(new App({ context }), 'Bare');
}

/** Warnings as recorded on the construct tree, read without a synth. */
function warningsOf(stack: Stack): string[] {
  return stack.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning').map((entry) => String(entry.data));
}

function vaultWith(context: Record<string, unknown>): ContactVault {
  const stack = bareStack(context);
  const table = new Table(stack, 'Table', { partitionKey: { name: 'contactKey', type: AttributeType.STRING } });
  return new ContactVault(stack, 'Vault', { table });
}

describe('Twilio account context', () => {
  it('defaults to placeholders, deletion off, and warns at synth', () => {
    const stack = bareStack();

    const account = readTwilioAccount(stack);

    expect(account).toEqual({ accountSid: TWILIO_ACCOUNT_SID_PLACEHOLDER, sender: TWILIO_SENDER_PLACEHOLDER, deleteInbound: false });
    const warnings = warningsOf(stack);
    expect(warnings).toHaveLength(2);
    expect(warnings).toEqual([expect.stringContaining('twilioAccountSid is not set'), expect.stringContaining('twilioSender is not set')]);
  });

  it('takes real values from -c strings or cdk.json booleans, without warnings', () => {
    for (const deleteInboundFromTwilio of ['true', true] as const) {
      const stack = bareStack({ twilioAccountSid: SID, twilioSender: '+51987654321', deleteInboundFromTwilio });

      const account = readTwilioAccount(stack);

      expect(account).toEqual({ accountSid: SID, sender: '+51987654321', deleteInbound: true });
      expect(warningsOf(stack)).toEqual([]);
    }
    expect(readTwilioAccount(bareStack({ twilioSender: `MG${'a'.repeat(32)}` })).sender).toBe(`MG${'a'.repeat(32)}`);
  });

  it.each([
    [{ twilioAccountSid: 'AC123' }, /twilioAccountSid/],
    // The handlers accept lowercase hex only; synth must not pass what a cold start refuses.
    [{ twilioAccountSid: SID.toUpperCase() }, /twilioAccountSid/],
    [{ twilioAccountSid: TWILIO_ACCOUNT_SID_PLACEHOLDER }, /twilioAccountSid/],
    [{ twilioSender: '987654321' }, /twilioSender/],
    [{ deleteInboundFromTwilio: 'yes' }, /deleteInboundFromTwilio/],
    // Deleting needs the account: without it every job would end in the DLQ.
    [{ deleteInboundFromTwilio: 'true' }, /needs "twilioAccountSid"/],
  ])('refuses %j', (context, message) => {
    expect(() => readTwilioAccount(bareStack(context))).toThrow(message);
  });
});

describe('vault TTL context', () => {
  it('defaults to DEFAULT_VAULT_TTL_DAYS and accepts digits or a number', () => {
    expect(vaultWith({}).ttlDays).toBe(DEFAULT_VAULT_TTL_DAYS);
    expect(vaultWith({ vaultTtlDays: '7' }).ttlDays).toBe(7);
    expect(vaultWith({ vaultTtlDays: 14 }).ttlDays).toBe(14);
  });

  it.each(['0', '-1', '1.5', 'thirty', 366])('refuses %j', (vaultTtlDays) => {
    expect(() => vaultWith({ vaultTtlDays })).toThrow(/vaultTtlDays/);
  });
});
