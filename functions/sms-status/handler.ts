// Lambda's entry: the function wired from its environment once, at cold start.
import { coldStart } from '../adapters/cold-start';
import { fromEnv, makeHandler } from './app';

export { fromEnv, makeHandler };
// Refuses to start with a weak or unfilled secret, naming it, before any request is taken.
await coldStart(process.env);
export const handler = makeHandler(fromEnv(process.env));
