// The tips queue port: intake sends TipReceived messages, nothing else.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { TipReceived } from '../core/tip';

export interface TipQueue {
  send(tip: TipReceived): Promise<void>;
}

export function sqsTipQueue(client: SQSClient, queueUrl: string): TipQueue {
  return {
    async send(tip) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(tip) }));
    },
  };
}
