// What the local Twilio API recorded: Twilio's side of the line, where a tipster's number
// legitimately appears (it is where replies are delivered).
export interface RecordedMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  params: Record<string, string>;
}

export async function twilioOutbox(twilioApiUrl: string): Promise<RecordedMessage[]> {
  const res = await fetch(`${twilioApiUrl}/local/outbox`);
  if (!res.ok) throw new Error(`local outbox answered ${res.status}`);
  return (await res.json()) as RecordedMessage[];
}

export async function twilioDeleted(twilioApiUrl: string): Promise<string[]> {
  const res = await fetch(`${twilioApiUrl}/local/deleted`);
  if (!res.ok) throw new Error(`local deleted list answered ${res.status}`);
  return (await res.json()) as string[];
}
