// Stands in for KMS on this machine: a master key from the data folder wraps the data keys,
// with the same AES-GCM and associated data as the envelope itself.
import { randomBytes } from 'node:crypto';
import { aesGcmOpen, aesGcmSeal, associatedData, IV_BYTES, SealedValueInvalid } from '../functions/adapters/envelope';
import type { DataKeySource } from '../functions/core/ports';

export function localDataKeys(masterKeyHex: string): DataKeySource {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error('The local vault key must be 32 bytes of hex.');
  return {
    async generate(context) {
      const plaintext = randomBytes(32);
      const { iv, ciphertext, tag } = aesGcmSeal(master, plaintext, associatedData(context));
      return { plaintext, wrapped: Buffer.concat([iv, ciphertext, tag]) };
    },
    async unwrap(wrapped, context) {
      if (wrapped.length !== IV_BYTES + 32 + 16) throw new SealedValueInvalid();
      return aesGcmOpen(
        master,
        wrapped.subarray(0, IV_BYTES),
        wrapped.subarray(IV_BYTES, IV_BYTES + 32),
        wrapped.subarray(IV_BYTES + 32),
        associatedData(context),
      );
    },
  };
}
