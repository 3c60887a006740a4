import { describe, expect, it } from 'vitest';
import { erasureConfirmation, erasureLanguage, isErasureRequest } from '../../functions/core/erasure';
import { gsm7Length, isGsm7 } from '../../functions/core/paging/gsm7';
import { LANGS } from '../../functions/core/tip';

describe('erasure requests', () => {
  const erasures = ['BORRAR', 'borrar', ' Borrar. ', 'BORRÁR', 'eliminar', 'ELIMINA', 'STOP', 'stop!', 'Delete', 'borren'];
  const inPortuguese = ['APAGAR', 'apague', 'Apaguem!', 'EXCLUIR', 'excluam', 'deletar'];
  it.each([...erasures, ...inPortuguese])('%j erases', (body) => {
    expect(isErasureRequest(body)).toBe(true);
  });

  const tips = ['no borren mi mensaje', 'borrar mi numero', 'stop please', 'hola', '', 'BORRAR BORRAR', 'stopp', 'mi hija no para de llorar, stop'];
  const tipsInPortuguese = ['não apaguem minha mensagem', 'apagar meu número', 'EXCLUIR EXCLUIR', 'apagaram a luz do quarto'];
  it.each([...tips, ...tipsInPortuguese])('%j is a tip, not an erasure', (body) => {
    expect(isErasureRequest(body)).toBe(false);
  });

  it('confirms in the language of the keyword', () => {
    expect(erasureLanguage('STOP')).toBe('en');
    expect(erasureLanguage('delete')).toBe('en');
    expect(erasureLanguage('BORRAR')).toBe('es');
    expect(erasureConfirmation('es')).toContain('borramos tu número');
    expect(erasureConfirmation('en')).toContain('we deleted your number');
  });

  it.each(['APAGAR', 'apague', 'Excluir.', 'EXCLUAM', 'deletar'])('confirms %j in Portuguese', (body) => {
    expect(erasureLanguage(body)).toBe('pt');
  });

  it('keeps ELIMINAR Spanish (it is Portuguese too) and DELETE English', () => {
    expect(erasureLanguage('ELIMINAR')).toBe('es');
    expect(erasureLanguage('Delete')).toBe('en');
  });

  it('confirms in Portuguese in one GSM-7 segment', () => {
    const text = erasureConfirmation('pt');
    expect(text).toBe('Pronto: apagamos seu telefone e deixamos de ter como te escrever. Se precisar de ajuda, escreva de novo quando quiser.');
    expect(isGsm7(text)).toBe(true);
    expect(gsm7Length(text)).toBeLessThanOrEqual(160);
  });

  it.each(LANGS)('has a confirmation in %s', (lang) => {
    expect(erasureConfirmation(lang).length).toBeGreaterThan(20);
  });
});
