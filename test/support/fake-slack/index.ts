// The fake Slack lives in src/sandbox/slack/ (the sandbox serves it to people too); tests import it from here.
export * from '../../../src/sandbox/slack/index.js';
