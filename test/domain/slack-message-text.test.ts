import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_LENGTH, parseAnswer, parseQuestions } from '../../src/domain/checkin-questions.js';
import { typedText } from '../../src/domain/slack-message-text.js';
import { slackLength } from '../../src/domain/text-length.js';

describe('typedText: what a person typed, from the text Slack sends', () => {
  it.each([
    ['plain words', 'Shipped the API', 'Shipped the API'],
    ['entities decoded once', 'R&amp;D &lt;draft&gt; &amp;amp;', 'R&D <draft> &amp;'],
    ['@channel becomes a plain word', '<!channel> deploy is down', '@channel deploy is down'],
    ['@here and @everyone too', '<!here> and <!everyone|everyone>', '@here and @everyone'],
    ['a user group becomes its handle', 'ping <!subteam^S0ALL|@team> now', 'ping @team now'],
    ['a user group with no label', 'ping <!subteam^S0ALL>', 'ping @group'],
    ['a date shows its fallback', '<!date^1392734382^{date}|Feb 18, 2014>', 'Feb 18, 2014'],
    ['a user mention is kept as a token', 'waiting on <@U123ABC|bob>', 'waiting on <@U123ABC>'],
    ['a channel reference is kept as a token', 'see <#C0DEV|dev>', 'see <#C0DEV>'],
    ['a bare link', 'docs at <https://example.com/a?b=1&amp;c=2>', 'docs at https://example.com/a?b=1&c=2'],
    [
      'a link hiding behind another address shows both',
      '<https://evil.example|https://acme.slack.com/sso>',
      'https://acme.slack.com/sso (https://evil.example)',
    ],
    ['a link labelled with itself', '<https://a.example|https://a.example>', 'https://a.example'],
    ['an email link', '<mailto:a@b.example|a@b.example>', 'a@b.example'],
  ])('%s', (_, slack, typed) => {
    expect(typedText(slack)).toBe(typed);
  });

  it('never leaves a broadcast token in what it returns', () => {
    for (const t of ['<!channel>', '<!here|here>', '<!everyone>', '<!subteam^S1|@all>', 'a <!channel> b']) {
      expect(typedText(t)).not.toMatch(/<!/);
    }
  });
});

describe('check-in answer and question limits, as Slack counts once drawn', () => {
  it('counts &, < and > as the entities they are sent as, and an emoji once', () => {
    expect(slackLength('R&D')).toBe(7);
    expect(slackLength('<b>')).toBe(9);
    expect(slackLength('🎉🎉')).toBe(2);
  });

  it(`accepts an answer of ${MAX_ANSWER_LENGTH} and refuses one more, saying how long it is`, () => {
    expect(parseAnswer('x'.repeat(MAX_ANSWER_LENGTH))).toMatchObject({ ok: true });
    expect(parseAnswer(` ${'x'.repeat(MAX_ANSWER_LENGTH)} `)).toMatchObject({ ok: true });
    const long = parseAnswer('&'.repeat(161));
    expect(long).toMatchObject({ ok: false, error: { code: 'answer.too_long' } });
    expect(!long.ok && long.error.message).toContain('805 characters');
  });

  it('refuses an empty answer', () => {
    expect(parseAnswer('   ')).toMatchObject({ ok: false, error: { code: 'answer.empty' } });
  });

  it('counts a question with & as Slack does', () => {
    expect(parseQuestions(['&'.repeat(40)])).toMatchObject({ ok: true });
    expect(parseQuestions(['&'.repeat(41)])).toMatchObject({
      ok: false,
      error: { code: 'questions.too_long' },
    });
  });
});
