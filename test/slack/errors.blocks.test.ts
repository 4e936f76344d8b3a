import { describe, expect, it } from 'vitest';
import { errorMessage, hintLine } from '../../src/slack/blocks/errors.blocks.js';

describe('error replies', () => {
  it('introduce a command to copy with "Try:"', () => {
    expect(hintLine('`/log 2h design`')).toBe('Try: `/log 2h design`');
    const reply = errorMessage({ message: 'Give a duration.', hint: '`/log 2h design`' });
    expect(reply.text).toBe('Give a duration.\nTry: `/log 2h design`');
  });

  it('show advice as its own sentence, never after "Try:"', () => {
    expect(hintLine('ask a manager, or join an existing check-in with `/standup join #team`.')).toBe(
      'Ask a manager, or join an existing check-in with `/standup join #team`.',
    );
    const reply = errorMessage({ message: 'Only managers can.', hint: 'ask a manager.' });
    expect(reply.text).not.toContain('Try:');
    expect(JSON.stringify(reply.blocks)).toContain('"text":"Ask a manager."');
  });
});
