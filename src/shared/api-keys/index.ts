export * from './key-file.js';
export * from './key-format.js';
export * from './scopes.js';
export * from './new-key.js';
