-- Check-in answers are now stored as people typed them and escaped once, when drawn. Until now the
-- form stored them escaped (&amp; &lt; &gt;) and DM replies kept Slack's markup, so each edit escaped
-- again. Decode both; turn Slack's broadcast and user-group mentions into plain words so an old
-- answer can never ping a channel when it is drawn again.
UPDATE "standup_responses"
SET "answers" = (
  SELECT coalesce(jsonb_agg(to_jsonb(
    replace(replace(replace(
      regexp_replace(
        regexp_replace(t.a, '<!(channel|here|everyone)(\|[^>]*)?>', '@\1', 'g'),
        '<!subteam\^[A-Za-z0-9]+\|([^>]*)>', '\1', 'g'),
      '&lt;', '<'), '&gt;', '>'), '&amp;', '&')
  ) ORDER BY t.ord), '[]'::jsonb)
  FROM jsonb_array_elements_text("answers") WITH ORDINALITY AS t(a, ord)
)
WHERE "answers"::text ~ '[&<]';
