// A local stack of a test's own (`npm start`, local/start.ts): free ports, so that it never meets
// the shared stack or another test's, and the environment that tells the stack about them.
import { freePort } from './free-port';

export interface StackPorts {
  http: number;
  dynamo: number;
  sqs: number;
  twilio: number;
}

export async function freeStackPorts(): Promise<StackPorts> {
  return { http: await freePort(), dynamo: await freePort(), sqs: await freePort(), twilio: await freePort() };
}

/** This process's environment, with the stack's ports and the folder that keeps its data. */
export function stackEnv(ports: StackPorts, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TIPLINE_HTTP_PORT: String(ports.http),
    TIPLINE_DYNAMODB_PORT: String(ports.dynamo),
    TIPLINE_SQS_PORT: String(ports.sqs),
    TIPLINE_TWILIO_PORT: String(ports.twilio),
    TIPLINE_DATA_DIR: dataDir,
  };
}
