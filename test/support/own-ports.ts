// The ports of a local stack of a test file's own (one that moves its clock, or starts with
// settings of its own), each free on this machine, as readLocalConfig reads them.
import { freePort } from './free-port';

export async function ownPorts(): Promise<Record<string, string>> {
  return {
    TIPLINE_HTTP_PORT: String(await freePort()),
    TIPLINE_DYNAMODB_PORT: String(await freePort()),
    TIPLINE_SQS_PORT: String(await freePort()),
    TIPLINE_TWILIO_PORT: String(await freePort()),
  };
}
