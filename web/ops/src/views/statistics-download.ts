// Saves a file the API answered (the statistics' CSV) under the name the server gave it. The
// request carries the operator's token, so a plain link to the API cannot fetch it: the answer is
// read here and handed to the browser as a Blob.
import { h } from '../dom';

/** Long enough for any browser to have taken the file; an object URL kept longer only holds memory. */
const REVOKE_AFTER_MS = 60_000;

export function saveFile(file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: a browser may still be reading the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
