// Lambda's entry: the function wired from its environment once, at cold start.
import { fromEnv, makeHandler } from './app';

export { fromEnv, makeHandler };
export const handler = makeHandler(fromEnv(process.env));
