import { describe, expect, it } from 'vitest';
import { FileProblem, parseJsonFile, savedFileName } from './schedule_files';

describe('parseJsonFile', () => {
  it('reads a unit or a plan', () => {
    expect(parseJsonFile('u.json', '{"format": "relief-schedule-instance/1", "days": ["Mon"]}', 'unit')).toEqual({
      format: 'relief-schedule-instance/1',
      days: ['Mon'],
    });
    expect(parseJsonFile('p.json', '{"sessions": []}', 'plan')).toEqual({ sessions: [] });
  });
  it('names the file and what to choose instead', () => {
    expect(() => parseJsonFile('notes.txt', 'hello', 'unit')).toThrow(/notes.txt is not a JSON file .*Choose the unit's .json file/);
    expect(() => parseJsonFile('list.json', '[1, 2]', 'unit')).toThrow(FileProblem);
    expect(() => parseJsonFile('p.json', '{"format": "relief-schedule-plan/1", "sessions": []}', 'unit')).toThrow(
      'p.json is a plan file, not a unit file.',
    );
    expect(() => parseJsonFile('u.json', '{"format": "relief-schedule-instance/1"}', 'plan')).toThrow(
      'u.json is a unit file, not a plan file.',
    );
    expect(() => parseJsonFile('x.json', '{"rooms": []}', 'plan')).toThrow(/has no "sessions"/);
  });
});

describe('savedFileName', () => {
  it('names what is saved after the unit it came from', () => {
    expect(savedFileName('unit-3-west.json', 'plan')).toBe('unit-3-west-plan.json');
    expect(savedFileName('unit-3-west.JSON', 'unit')).toBe('unit-3-west-unit-after-changes.json');
    expect(savedFileName('unit-3-west-unit-after-changes.json', 'plan')).toBe('unit-3-west-plan.json');
    expect(savedFileName('', 'plan')).toBe('demo-unit-plan.json');
  });
});
