// Envelope encryption for the few small secrets we must keep (a tipster's address, a Twilio
// message SID in flight): a fresh AES-256-GCM data key per item, wrapped by KMS (or, off AWS, by
// whatever DataKeySource the platform hands in), with an encryption context bound in as associated data
// so that a sealed value cannot be moved to another row or purpose.
//
// Written by hand rather than with the AWS Encryption SDK: that library adds ~350 KB to every
// bundle that seals or opens, for two short strings; this is node:crypto's AEAD and two KMS calls.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ENV } from '../config/env-names';
import { InvalidConfiguration, type Env } from '../config/runtime';
import type { DataKeySource, EncryptionContext, Sealer } from '../core/ports';
import { perPlatform, type Platform } from './platform';

export class SealedValueInvalid extends Error {
  override name = 'SealedValueInvalid';
  constructor() {
    super('The sealed value is damaged or belongs to another context.');
  }
}

const VERSION = 'v1';
export const IV_BYTES = 12;

/** Key order must not change the associated data. */
export function associatedData(context: EncryptionContext): Buffer {
  return Buffer.from(
    JSON.stringify(
      Object.keys(context)
        .sort()
        .map((k) => [k, context[k]]),
    ),
  );
}

export function aesGcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

export function aesGcmOpen(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SealedValueInvalid();
  }
}

export async function seal(source: DataKeySource, plaintext: string, context: EncryptionContext): Promise<string> {
  const key = await source.generate(context);
  try {
    const { iv, ciphertext, tag } = aesGcmSeal(key.plaintext, Buffer.from(plaintext, 'utf8'), associatedData(context));
    return [VERSION, key.wrapped, iv, ciphertext, tag].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  } finally {
    key.plaintext.fill(0);
  }
}

export async function open(source: DataKeySource, sealed: string, context: EncryptionContext): Promise<string> {
  const [version, wrapped, iv, ciphertext, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || !wrapped || !iv || !ciphertext || !tag || rest.length) throw new SealedValueInvalid();
  const key = await source.unwrap(Buffer.from(wrapped, 'base64url'), context);
  try {
    const bytes = aesGcmOpen(key, Buffer.from(iv, 'base64url'), Buffer.from(ciphertext, 'base64url'), Buffer.from(tag, 'base64url'), associatedData(context));
    return bytes.toString('utf8');
  } finally {
    key.fill(0);
  }
}

/** The core's Sealer over a data-key source: what intake seals evidence with. */
export const sealerOf =
  (source: DataKeySource): Sealer =>
  (plaintext, context) =>
    seal(source, plaintext, context);

/** AWS: KMS generates and unwraps data keys; the context is checked by KMS (and by IAM conditions). */
export function kmsDataKeys(kms: KMSClient, keyArn: string): DataKeySource {
  return {
    async generate(context) {
      const out = await kms.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: context }));
      if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key.');
      return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
    },
    async unwrap(wrapped, context) {
      try {
        const out = await kms.send(new DecryptCommand({ KeyId: keyArn, CiphertextBlob: wrapped, EncryptionContext: context }));
        if (!out.Plaintext) throw new SealedValueInvalid();
        return Buffer.from(out.Plaintext);
      } catch (error: unknown) {
        if (error instanceof Error && error.name === 'InvalidCiphertextException') throw new SealedValueInvalid();
        throw error;
      }
    },
  };
}

const fromKms = perPlatform((_platform, env: Env) => {
  const keyArn = env[ENV.vaultKeyArn];
  if (!keyArn) throw new InvalidConfiguration(`Set ${ENV.vaultKeyArn} to the KMS key that seals contact data.`);
  return kmsDataKeys(new KMSClient({}), keyArn);
});

/** The platform's data keys, or KMS's with the key ARN in this function's environment. */
export function dataKeysOf(platform: Platform, env: Env): DataKeySource {
  return platform.dataKeys ? platform.dataKeys() : fromKms(platform, env);
}
