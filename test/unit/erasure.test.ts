import { describe, expect, it } from 'vitest';
import { erasureConfirmation, erasureLanguage, isErasureRequest } from '../../functions/core/erasure';

describe('erasure requests', () => {
  it.each(['BORRAR', 'borrar', ' Borrar. ', 'BORRÁR', 'eliminar', 'ELIMINA', 'STOP', 'stop!', 'Delete', 'borren'])('%j erases', (body) => {
    expect(isErasureRequest(body)).toBe(true);
  });

  it.each(['no borren mi mensaje', 'borrar mi numero', 'stop please', 'hola', '', 'BORRAR BORRAR', 'stopp', 'mi hija no para de llorar, stop'])('%j is a tip, not an erasure', (body) => {
    expect(isErasureRequest(body)).toBe(false);
  });

  it('confirms in the language of the keyword', () => {
    expect(erasureLanguage('STOP')).toBe('en');
    expect(erasureLanguage('delete')).toBe('en');
    expect(erasureLanguage('BORRAR')).toBe('es');
    expect(erasureConfirmation('es')).toContain('borramos tu número');
    expect(erasureConfirmation('en')).toContain('we deleted your number');
  });
});
