// Every error code the server can answer has a sentence in Spanish and in English (apiError.*),
// and the dashboard says that sentence, never the API's English, to an operator reading Spanish.
// The codes are read from the server's source, so a code added there fails here until translated.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import enCase from '../../web/ops/src/i18n/en-case.json';
import en from '../../web/ops/src/i18n/en.json';
import esCase from '../../web/ops/src/i18n/es-case.json';
import es from '../../web/ops/src/i18n/es.json';

const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));
/** Codes the issue 16 contract names before every route answers them. */
const CONTRACT_CODES = ['invalid_request', 'not_found', 'conflict', 'forbidden', 'not_paged', 'unknown_colleague'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** `readonly code = 'x'` on an error class, and `{ error: 'x' }` in an answer built by hand. */
function serverCodes(): string[] {
  const codes = new Set(CONTRACT_CODES);
  for (const file of sourceFiles(FUNCTIONS)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bcode(?:: string)? = '([a-z_]+)'/gu)) codes.add(match[1]!);
    for (const match of source.matchAll(/\{ error: '([a-z_]+)'/gu)) codes.add(match[1]!);
  }
  return [...codes].sort();
}

const spanish: Record<string, string> = { ...es, ...esCase };
const english: Record<string, string> = { ...en, ...enCase };

describe('API error codes in the dashboard', () => {
  it('has a Spanish and an English sentence for every code the server can answer', () => {
    // Arrange
    const codes = serverCodes();
    expect(codes.length).toBeGreaterThan(20);

    // Act
    const missing = codes.flatMap((code) => [...(spanish[`apiError.${code}`] ? [] : [`es: ${code}`]), ...(english[`apiError.${code}`] ? [] : [`en: ${code}`])]);

    // Assert
    expect(missing).toEqual([]);
  });

  describe('describeError', () => {
    let describeError: (error: unknown) => string;
    let ApiError: new (status: number, body: unknown) => Error;
    let setLang: (lang: 'es' | 'en') => void;

    beforeAll(async () => {
      // The dashboard's i18n keeps the language in the tab's sessionStorage.
      const store = new Map<string, string>();
      vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
      vi.stubGlobal('document', { documentElement: {} });
      // By a computed path: the dashboard's modules are typed against the DOM (web/ops/tsconfig.json),
      // which the repository's own typecheck does not load.
      const dashboard = (module: string) => import(/* @vite-ignore */ new URL(`../../web/ops/src/${module}.ts`, import.meta.url).href);
      ({ describeError } = await dashboard('errors'));
      ({ ApiError } = await dashboard('api'));
      ({ setLang } = await dashboard('i18n/index'));
    });

    it('says a known code in Spanish, with the fields to check, and never the English message', () => {
      setLang('es');
      const said = describeError(new ApiError(400, { error: 'invalid_request', message: 'Invalid body.', fields: { reason: 'Too small' } }));
      expect(said).toBe('La solicitud no es válida. Revisa: motivo.');
      expect(describeError(new ApiError(409, { error: 'not_paged', message: 'That responder was not paged.' }))).toBe(spanish['apiError.not_paged']);
    });

    it('says who holds a tip on a claim conflict', () => {
      setLang('es');
      expect(describeError(new ApiError(409, { error: 'conflict', message: 'x', claimedBy: { id: 'o2', name: 'Omar' } }))).toContain('Omar');
    });

    it('falls back to a generic Spanish sentence for a code it does not know, and to the API message in English', () => {
      const unknown = new ApiError(422, { error: 'brand_new_code', message: 'Something new went wrong.' });
      setLang('es');
      expect(describeError(unknown)).toBe(spanish['error.generic']!.replace('{status}', '422'));
      setLang('en');
      expect(describeError(unknown)).toBe('Something new went wrong.');
      setLang('es');
    });
  });
});
