import type { SelfIdentificationAnswers } from '@stageflow/domain';

/**
 * What the demo participants answered to the voluntary self-identification questions in their portal
 * (docs/rules.md#self-identification), shortly after they were enrolled: the adverse-impact page has
 * figures on a new database. Most answered both questions; a few declined one or both, and whoever is
 * missing here skipped them, as people do. Rosa Jiménez, the demo's portal participant, has not answered
 * yet, so her portal offers the questions. Fictional people: the categories are the EEO-1 form's.
 */
const answer = (
  sex: SelfIdentificationAnswers['sex'],
  race_ethnicity: SelfIdentificationAnswers['race_ethnicity'],
): SelfIdentificationAnswers => ({ sex, race_ethnicity });

export const DEMO_SELF_IDENTIFICATION: Readonly<Record<string, SelfIdentificationAnswers>> = {
  'Amara Nwosu': answer('female', 'black_or_african_american'),
  'Priya Raman': answer('female', 'asian'),
  'Mateo García': answer('male', 'hispanic_or_latino'),
  'Hannah Kim': answer('female', 'asian'),
  'Yusuf Demir': answer('male', 'decline_to_answer'),
  'Olivia Brown': answer('female', 'white'),
  'Chen Wei': answer('male', 'asian'),
  'Sofia Rossi': answer('female', 'white'),
  'Aiko Tanaka': answer('female', 'asian'),
  'Noah Williams': answer('male', 'black_or_african_american'),
  'Fatima Al-Sayed': answer('female', 'white'),
  'Diego Fernández': answer('male', 'hispanic_or_latino'),
  'Aisha Bello': answer('female', 'black_or_african_american'),
  'Julia Weber': answer('female', 'white'),
  'Emma Johansson': answer('female', 'white'),
  'Kwame Mensah': answer('male', 'black_or_african_american'),
  'Ravi Patel': answer('decline_to_answer', 'asian'),
  'Tom Nguyen': answer('male', 'asian'),
  'Grace Liu': answer('female', 'asian'),
  'Jonas Schmidt': answer('male', 'white'),
  'Leila Haddad': answer('female', 'two_or_more_races'),
  'Maria Santos': answer('female', 'hispanic_or_latino'),
  'Daniel Cohen': answer('male', 'white'),
  'Ingrid Nilsson': answer('female', 'white'),
  'Peter Novak': answer('male', 'white'),
  'Ben Carter': answer('male', 'white'),
  'Chloe Martin': answer('female', 'white'),
  'Mehmet Yilmaz': answer('male', 'white'),
  'Lucas Silva': answer('male', 'hispanic_or_latino'),
  'Nina Petrova': answer('female', 'decline_to_answer'),
  'Samuel Osei': answer('male', 'black_or_african_american'),
  'Ethan Walker': answer('male', 'white'),
  'Hana Sato': answer('female', 'asian'),
  'Zara Ahmed': answer('female', 'two_or_more_races'),
  'Liam O’Connor': answer('male', 'white'),
  'Ana Costa': answer('female', 'hispanic_or_latino'),
  'Kofi Asante': answer('decline_to_answer', 'decline_to_answer'),
};
