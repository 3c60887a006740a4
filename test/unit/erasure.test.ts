import { describe, expect, it } from 'vitest';
import { erasureConfirmation, erasureHint, erasureLanguage, isErasureRequest } from '../../functions/core/erasure';
import { gsm7Length, isGsm7 } from '../../functions/core/paging/gsm7';
import { LANGS } from '../../functions/core/tip';

describe('erasure requests', () => {
  const erasures = ['BORRAR', 'borrar', ' Borrar. ', 'BORRÁR', 'eliminar', 'ELIMINA', 'STOP', 'stop!', 'Delete', 'borren'];
  const inPortuguese = ['APAGAR', 'apague', 'Apaguem!', 'EXCLUIR', 'excluam', 'deletar'];
  it.each([...erasures, ...inPortuguese])('%j erases', (body) => {
    expect(isErasureRequest(body)).toBe(true);
  });

  const tips = [
    'no borren mi mensaje',
    'borrar mi numero y el de mi hija no',
    'stop please',
    'hola',
    '',
    'BORRAR BORRAR',
    'stopp',
    'mi hija no para de llorar, stop',
  ];
  const tipsInPortuguese = ['não apaguem minha mensagem', 'apagar meu número do celular da minha filha', 'EXCLUIR EXCLUIR', 'apagaram a luz do quarto'];
  const tipsInQuechua = ['wasita pichay', 'pichay pichay', 'warmiyta chinkachinku'];
  it.each([...tips, ...tipsInPortuguese, ...tipsInQuechua])('%j is a tip, not an erasure', (body) => {
    expect(isErasureRequest(body)).toBe(false);
  });

  const phrases: Array<[string, string]> = [
    ['Borrar mi número', 'es'],
    ['borren mi numero', 'es'],
    ['BORRAR MIS DATOS.', 'es'],
    ['ya no me escriban más', 'es'],
    ['darme de baja', 'es'],
    ['Delete my number', 'en'],
    ['erase', 'en'],
    ['Apague meu número!', 'pt'],
    ['excluir meus dados', 'pt'],
    ['Yupayniyta pichaykuy', 'qu'],
    ['pichay', 'qu'],
    ['yupayniyta chinkachiy', 'qu'],
    ['borrar por favor', 'es'],
    ['Ya, bórrenme, gracias', 'es'],
    ['delete my number, thanks', 'en'],
    ['Apagar, obrigada!', 'pt'],
  ];
  it.each(phrases)('the short phrase %j erases, confirmed in %s', (body, lang) => {
    expect(isErasureRequest(body)).toBe(true);
    expect(erasureLanguage(body)).toBe(lang);
  });

  it.each(['por favor', 'ya', 'gracias', 'ya gracias por favor'])('%j alone, only courtesy words, is not an erasure', (body) => {
    expect(isErasureRequest(body)).toBe(false);
  });

  it.each(LANGS)('tells a new contact after an erasure how to erase again, in %s', (lang) => {
    expect(erasureHint(lang)).toMatch(/BORRAR|DELETE|APAGAR/);
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
