// One rule for queue names, with the rest of the key layout (src/shared/redis-keys.ts).
export { queueNameOf } from '../redis-keys.js';
