import { describe, expect, test } from 'vitest';
import { copyName, type NamedTemplate, sameTemplateName, templateNameIssue } from './templates.ts';

const t = (id: string, template_name: string, status: NamedTemplate['status'] = 'active'): NamedTemplate => ({
  id,
  template_name,
  status,
});

describe('template names (docs/rules.md#template-names)', () => {
  test('names are the same without case, accents or extra spaces', () => {
    expect(sameTemplateName('Senior Backend Engineer', ' senior  backend ENGINEER')).toBe(true);
    expect(sameTemplateName('Ingénieur', 'ingenieur')).toBe(true);
    expect(sameTemplateName('Backend', 'Backend 2')).toBe(false);
  });

  test('a live template may not take another live template’s name; archived ones do not count', () => {
    const others = [t('a', 'Backend'), t('b', 'Support', 'archived')];
    expect(templateNameIssue(t('new', 'backend'), others)?.issues).toEqual([
      { path: ['template_name'], message: expect.stringContaining('already called “backend”') },
    ]);
    expect(templateNameIssue(t('new', 'backend', 'draft'), others)?.code).toBe('CONFLICT');
    expect(templateNameIssue(t('new', 'Support'), others)).toBeUndefined();
    expect(templateNameIssue(t('new', 'Backend', 'archived'), others)).toBeUndefined();
    // Itself is not another.
    expect(templateNameIssue(t('a', 'Backend'), others)).toBeUndefined();
  });

  test('an edit that keeps the name is never refused; renaming or restoring is checked', () => {
    const others = [t('a', 'Backend'), t('b', 'Backend')];
    expect(templateNameIssue(t('b', 'Backend'), others, t('b', 'Backend'))).toBeUndefined();
    expect(templateNameIssue(t('c', 'Backend'), others, t('c', 'Backend', 'archived'))?.code).toBe('CONFLICT');
    expect(templateNameIssue(t('c', 'backend'), others, t('c', 'Frontend'))?.code).toBe('CONFLICT');
  });

  test('a copy takes the first free “(copy n)” name, within 200 characters', () => {
    expect(copyName('Backend', [t('a', 'Backend')])).toBe('Backend (copy)');
    expect(copyName('Backend', [t('a', 'Backend (copy)'), t('b', 'Backend (Copy 2)')])).toBe('Backend (copy 3)');
    expect(copyName('Backend', [t('a', 'Backend (copy)', 'archived')])).toBe('Backend (copy)');
    expect(copyName('x'.repeat(200), []).length).toBe(200);
  });
});
