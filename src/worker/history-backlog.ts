import type { RedisClient } from '../shared/redis.js';
import { defineScript } from '../shared/redis-script.js';

/**
 * The history recorder's view of its consumer group on the event log: how far behind it is, and
 * whether the log's cap (EVENTS_HISTORY) trimmed entries the group never read — those events are
 * lost to the history (docs/history.md, "What can be lost").
 *
 * How a loss is seen: the stream counts every entry ever added (`entries-added`), the group every
 * entry it was handed (`entries-read`). Their difference is what the group has not been handed
 * yet, present or trimmed. When the stream's first entry lies after the group's last delivered
 * id, every entry still present is undelivered, so the difference less the stream's length is
 * the number trimmed unread. The script then moves the group's counter past them (`XGROUP
 * SETID … ENTRIESREAD`, same id), so each loss is counted once. One script: no entry can be
 * added, trimmed or delivered between reading the counters and moving them.
 *
 * It also forgets consumers that have held nothing for `forgetIdleMs` (the names of workers
 * that stopped; a killed worker's unacknowledged entries keep its name until they are claimed).
 */
const CHECK = defineScript(`
local function map(a) local t = {} for i = 1, #a, 2 do t[a[i]] = a[i + 1] end return t end
local function cmp(a, b)
  local am, as = string.match(a, '(%d+)-(%d+)')
  local bm, bs = string.match(b, '(%d+)-(%d+)')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if am ~= bm then if am < bm then return -1 else return 1 end end
  if as ~= bs then if as < bs then return -1 else return 1 end end
  return 0
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0, 0, 0} end
local s = map(redis.call('XINFO', 'STREAM', KEYS[1]))
local g
for _, raw in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local t = map(raw)
  if t['name'] == ARGV[1] then g = t end
end
if not g then return {-1, 0, 0, 0} end
local lost = 0
local lag = g['lag']
local first = s['first-entry']
local read = g['entries-read']
if first and read and cmp(first[1], g['last-delivered-id']) > 0 then
  local missed = s['entries-added'] - read - s['length']
  if missed > 0 then
    lost = missed
    redis.call('XGROUP', 'SETID', KEYS[1], ARGV[1], g['last-delivered-id'], 'ENTRIESREAD', s['entries-added'] - s['length'])
    lag = s['length']
  end
end
local forgotten = 0
for _, raw in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local c = map(raw)
  if c['pending'] == 0 and c['idle'] > tonumber(ARGV[2]) and c['name'] ~= ARGV[3] then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], c['name'])
    forgotten = forgotten + 1
  end
end
if not lag then lag = -1 end
return {lost, lag, g['pending'], forgotten}`);

// KEYS: stream. ARGV: group. 1 when it made the group, 0 when it existed.
const CREATE = defineScript(`
local ok, err = pcall(function()
  if redis.call('EXISTS', KEYS[1]) == 0 then
    redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM', 'ENTRIESREAD', 0)
  else
    local info = redis.call('XINFO', 'STREAM', KEYS[1])
    local s = {}
    for i = 1, #info, 2 do s[info[i]] = info[i + 1] end
    redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'ENTRIESREAD', s['entries-added'] - s['length'])
  end
end)
if ok then return 1 end
if string.find(tostring(err.err or err), 'BUSYGROUP') then return 0 end
return redis.error_reply(tostring(err.err or err))`);

/**
 * Makes the consumer group at the log's start, unless it exists. Its read counter starts at the
 * entries trimmed before it was made, counted as read: they were never this group's to lose, and
 * Redis would otherwise leave the counter unknown, and the first read would count every entry
 * trimmed since as read (a loss {@link checkBacklog} could not see).
 */
export async function createGroup(redis: RedisClient, stream: string, group: string): Promise<boolean> {
  return (await CREATE.run(redis, [stream], [group])) === 1;
}

/** What {@link checkBacklog} found. */
export interface Backlog {
  /** Entries trimmed from the log before the group read them, since the last check. */
  lost: number;
  /** Entries not handed to any consumer yet; -1 when Redis cannot tell. */
  undelivered: number;
  /** Entries handed out and not acknowledged (being written, or held by a dead worker). */
  pending: number;
  /** Idle consumers without pending entries that were removed. */
  forgotten: number;
  /** False when the group does not exist (the stream was deleted or Redis lost its data). */
  group: boolean;
}

/** Checks the group `group` of stream `stream`; `self` (this consumer) is never forgotten. */
export async function checkBacklog(
  redis: RedisClient,
  stream: string,
  group: string,
  options: { self: string; forgetIdleMs: number },
): Promise<Backlog> {
  const [lost, undelivered, pending, forgotten] = (await CHECK.run(
    redis,
    [stream],
    [group, options.forgetIdleMs, options.self],
  )) as [number, number, number, number];
  return { lost: Math.max(0, lost), undelivered, pending, forgotten, group: lost !== -1 };
}
