import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { fieldLabel, problemText } from './problem_text';

describe('error text a clinician can read', () => {
  it('turns JSON paths into words', () => {
    expect(fieldLabel('pca.demand_dose.value')).toBe('PCA demand dose');
    expect(fieldLabel('value[x]')).toBe('');
    expect(fieldLabel('contacts[1].phone')).toBe('Contacts phone');
    expect(fieldLabel('birthDate')).toBe('Birth date');
    expect(fieldLabel('valueQuantity.value')).toBe('');
  });

  it('names each problem by the form’s own label when it has one', () => {
    const err = new ApiError(422, 'invalid', [
      { field: 'new_password', message: 'must be at least 10 characters' },
      { field: 'pca.lockout_minutes', message: 'must be 5 to 60' },
      { field: 'valueQuantity.value', message: 'a 0-10 score of 11 is out of range' },
    ]);
    expect(problemText(err, { new_password: 'New password' })).toBe(
      'New password: must be at least 10 characters; PCA lockout minutes: must be 5 to 60; a 0-10 score of 11 is out of range',
    );
  });

  it('falls back to the message, or to the caller’s sentence for a non-API error', () => {
    expect(problemText(new ApiError(409, 'an account named x already exists'))).toBe('an account named x already exists');
    expect(problemText(new Error('boom'), {}, 'Not saved.')).toBe('Not saved.');
  });
});
