import { describe, expect, it } from 'vitest';
import { parseDurationPrefix } from '../../src/domain/duration.js';
import { logHelpMessage } from '../../src/slack/blocks/help.blocks.js';

describe('/log help', () => {
  const durationLine =
    logHelpMessage()
      .text.split('\n')
      .find((line) => line.includes('Duration:')) ?? '';
  const forms = [...durationLine.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

  it('lists the duration forms people type, commas and "hrs" included', () => {
    expect(forms).toEqual(expect.arrayContaining(['2h', '1.5h', '1,5h', '1h30m', '90m', '2hrs', '1:30']));
  });

  it.each(['2h', '1.5h', '1,5h', '1h30m', '1h 30m', '90m', '45 mins', '2 hours', '2hrs', '1:30'])(
    'every form it lists is one /log accepts: %s',
    (form) => {
      expect(forms).toContain(form);
      const parsed = parseDurationPrefix(`${form} design`);
      expect(parsed.ok && parsed.value.rest.trim()).toBe('design');
    },
  );
});
