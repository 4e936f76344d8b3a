/** The Slack side of the services' ports, for code that loads them on demand (the CLI's tick). */
export { createChannelMessenger } from './channel-messenger.js';
export { createCheckinMessenger } from './checkin-messenger.js';
export { createSlackDirectory } from './directory.js';
export { createInvoiceMessenger } from './invoice-messenger.js';
export { createOnboardingMessenger } from './onboarding-messenger.js';
