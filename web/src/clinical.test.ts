import { describe, expect, it } from 'vitest';
import { painDefaultsForAge } from './clinical';

describe('the pain scale a form opens on', () => {
  it('is FLACC by the nurse for a 2-year-old, FPS-R by the child from 4, the 0-10 scale from 8', () => {
    expect(painDefaultsForAge(26)).toEqual({ code: '38213-5', reporter: 'clinician' });
    expect(painDefaultsForAge(47)).toEqual({ code: '38213-5', reporter: 'clinician' });
    expect(painDefaultsForAge(48)).toEqual({ code: '57696-7', reporter: 'self' });
    expect(painDefaultsForAge(95)).toEqual({ code: '57696-7', reporter: 'self' });
    expect(painDefaultsForAge(96)).toEqual({ code: '72514-3', reporter: 'self' });
  });
  it('is the 0-10 scale when the age is not known', () => {
    expect(painDefaultsForAge(undefined)).toEqual({ code: '72514-3', reporter: 'self' });
  });
});
