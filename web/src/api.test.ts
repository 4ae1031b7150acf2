import { describe, expect, it } from 'vitest';
import { problemsOf } from './api';

describe('problemsOf', () => {
  it('reads the server OperationOutcome so the form can show the server message', () => {
    const r = problemsOf({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported must be between 0 and 10; 11 is out of range',
          expression: ['value[x]'],
        },
      ],
    });
    expect(r.problems).toEqual([{ field: 'value[x]', message: expect.stringContaining('between 0 and 10') }]);
    expect(r.message).toContain('11 is out of range');
  });

  it('reads the plain error shape', () => {
    expect(problemsOf({ error: { status: 401, message: 'the username or password is wrong', problems: [] } }).message).toBe(
      'The username or password is wrong',
    );
  });
});
