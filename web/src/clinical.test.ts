import { describe, expect, it } from 'vitest';
import { formatAge, newbornAge, painDefaultsForAge } from './clinical';

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

describe('a newborn’s age', () => {
  it('reads in days, then weeks, until 2 months', () => {
    expect(formatAge({ years: 0, months: 0, totalMonths: 0, days: 12 })).toBe('12 days');
    expect(formatAge({ years: 0, months: 0, totalMonths: 0, days: 1 })).toBe('1 day');
    expect(formatAge({ years: 0, months: 1, totalMonths: 1, days: 45 })).toBe('6 weeks');
    expect(formatAge({ years: 0, months: 3, totalMonths: 3, days: 95 })).toBe('3 months');
    expect(newbornAge({ totalMonths: 0, days: 20 }, true)).toBe('2 wk');
  });
});
