import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoted } from '../../src/domain/result.js';
import { hasLoneSurrogate, hostileText, longText } from '../support/hostile-text.js';

/* What `quoted` promises: user text echoed in a code span can neither break out of it nor flood the reply. */

describe('quoted', () => {
  it('has no backtick, at most 40 units, the text’s own start, and never half an emoji', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, longText), (text) => {
        const out = quoted(text);
        const clean = text.replaceAll('`', "'");
        expect(out).not.toContain('`');
        expect(out.length).toBeLessThanOrEqual(40);
        if (clean.length <= 40) expect(out).toBe(clean);
        else {
          expect(out.endsWith('…')).toBe(true);
          expect(clean.startsWith(out.slice(0, -1))).toBe(true);
          expect(out.length).toBeGreaterThanOrEqual(39);
        }
        if (!hasLoneSurrogate(text)) expect(hasLoneSurrogate(out)).toBe(false);
      }),
      { numRuns: 10_000 },
    );
  });

  it('cuts before an emoji that straddles the 39th unit', () => {
    expect(quoted(`${'a'.repeat(38)}😀😀`)).toBe(`${'a'.repeat(38)}…`);
    expect(quoted(`${'a'.repeat(37)}😀😀`)).toBe(`${'a'.repeat(37)}😀…`);
  });
});
