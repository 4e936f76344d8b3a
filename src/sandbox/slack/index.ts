export * from './requests.js';
export * from './server.js';
