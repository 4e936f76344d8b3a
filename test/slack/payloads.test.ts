import { describe, expect, it } from 'vitest';
import { encodeSheetRef } from '../../src/slack/blocks/ids.js';
import {
  parseEntryMenuValue,
  parseLogModalMetadata,
  parseRowIdValue,
  parseSheetRef,
  responseUrlHosts,
} from '../../src/slack/payloads.js';

const ref = { subjectId: 'UADA', from: '2026-11-23', to: '2026-11-29', page: 2 };

describe('button values', () => {
  it('reads back every timesheet value the blocks write', () => {
    expect(parseSheetRef(encodeSheetRef(ref))).toEqual({ ref, entryId: null });
    expect(parseSheetRef(encodeSheetRef(ref, 42))).toEqual({ ref, entryId: 42 });
    expect(parseEntryMenuValue(`delete|${encodeSheetRef(ref, 42)}`)).toEqual({
      verb: 'delete',
      ref,
      entryId: 42,
    });
  });

  it('takes a full year (366 days) and no more', () => {
    expect(parseSheetRef('|UADA|2024-01-01|2024-12-31|0')?.ref.to).toBe('2024-12-31');
    expect(parseSheetRef('|UADA|2024-01-01|2025-01-01|0')).toBeNull();
  });

  it.each([
    ['1e400|UADA|2026-11-23|2026-11-29|0'],
    ['|UADA|2026-11-23|2026-11-29|-1'],
    ['|UADA|2026-13-01|2026-13-02|0'],
    ['|uada|2026-11-23|2026-11-29|0'],
    ['|UADA|2026-11-23|2026-11-29|0|extra'],
    [`|UADA|2026-11-23|2026-11-29|${'9'.repeat(300)}`],
  ])('refuses the timesheet value %j', (value) => {
    expect(parseSheetRef(value)).toBeNull();
  });

  it.each([['undo|x'], [`edit|${encodeSheetRef(ref)}`], [null]])('refuses the menu value %j', (value) => {
    expect(parseEntryMenuValue(value)).toBeNull();
  });

  it.each([
    ['1', 1],
    ['2147483647', 2147483647],
    ['2147483648', null],
    ['1e400', null],
    ['0', null],
    [' 7', 7],
    ['0x10', null],
    [undefined, null],
  ])('reads the row id %j as %j', (value, expected) => {
    expect(parseRowIdValue(value)).toBe(expected);
  });
});

describe('the log modal’s private_metadata', () => {
  const hosts = responseUrlHosts('http://127.0.0.1:4000/api/');

  it('accepts what the modal writes, with a Slack or configured response URL', () => {
    for (const responseUrl of [
      'https://hooks.slack.com/commands/T1/2/abc',
      'http://127.0.0.1:4000/response/1',
      null,
    ]) {
      const metadata = { responseUrl, channelId: 'C0GENERAL', entryId: 3, sheet: ref };
      expect(parseLogModalMetadata(JSON.stringify(metadata), hosts)).toEqual(metadata);
    }
  });

  it.each([
    ['http://hooks.slack.com/commands/T1/2/abc'],
    ['https://hooks.slack.com.evil.example/x'],
    ['https://127.0.0.1:4001/response/1'],
    ['file:///etc/passwd'],
    ['not a url'],
  ])('refuses the response URL %s', (responseUrl) => {
    expect(parseLogModalMetadata(JSON.stringify({ responseUrl, channelId: null }), hosts)).toBeNull();
  });

  it('refuses metadata that is not JSON or is longer than Slack allows', () => {
    expect(parseLogModalMetadata('{"responseUrl":', hosts)).toBeNull();
    expect(parseLogModalMetadata(`{"x":"${'a'.repeat(3000)}"}`, hosts)).toBeNull();
  });
});
