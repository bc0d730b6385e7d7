export * from './key-file.js';
export * from './key-format.js';
export * from './new-key.js';
export * from './scopes.js';
