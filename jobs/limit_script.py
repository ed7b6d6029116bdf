"""The limiter's one Lua script (jobs/limits.py): reserves slots in GCRA and window buckets
and pushes buckets back after a 429, a batch of requests per call, on Redis's clock."""

from __future__ import annotations

from typing import Final

# One call serves a batch of requests, each "r" (reserve) or "p" (push back), in order.
# Reserve: ARGV = 'r', key count, max wait ms, previous slot ('' for a first ask), then per
# key its interval ms, its log size (0: a GCRA "next free instant"; N: a window's last N
# slots) and how late (ms) a slot booked there may still be used.
# Push back: ARGV = 'p', 1, ms. Each request answers {granted, wait ms, slot ms}.
BATCH: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000

-- The earliest instant a bucket allows, and the last slot booked in it (nil: none).
local function free_at(key, interval, size)
  if size == 0 then
    local tat = tonumber(redis.call('GET', key)) or 0
    return tat, tat - interval
  end
  local log = redis.call('LRANGE', key, -size, -1)
  if #log == 0 then return 0, nil end
  local last = tonumber(log[#log])
  -- never before the last slot, so the log stays in order
  if #log < size then return last, last end
  return math.max(last, tonumber(log[1]) + interval), last
end

local function book(key, at, interval, size, wait, moved)
  local ttl = math.ceil(wait + interval) + 1000
  if size == 0 then
    redis.call('SET', key, tostring(at + interval), 'PX', ttl)
    return
  end
  if moved then
    redis.call('LSET', key, -1, tostring(at))
  else
    redis.call('RPUSH', key, tostring(at))
    redis.call('LTRIM', key, -size, -1)
  end
  redis.call('PEXPIRE', key, ttl)
end

local function reserve(k, n, a)
  local max_wait, prev = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local frees, last, need = {}, {}, {}
  for i = 1, n do
    local j = a + 3 * i - 1
    local free, booked = free_at(KEYS[k + i - 1], tonumber(ARGV[j]), tonumber(ARGV[j + 1]))
    -- A late waker: where nobody booked after it, its slot is still its own to move.
    last[i] = prev ~= nil and booked ~= nil and math.abs(booked - prev) < 1
    if last[i] then free = prev end
    frees[i] = free
    -- Elsewhere it needs a new slot only where it is later than that bucket tolerates.
    need[i] = not prev or (not last[i] and now - prev > tonumber(ARGV[j + 2]))
  end
  local at = now
  for i = 1, n do if need[i] and frees[i] > at then at = frees[i] end end
  local grown = prev ~= nil
  while grown do  -- a slot kept must still be within its tolerance of the instant chosen
    grown = false
    for i = 1, n do
      if not need[i] and not last[i] and at - prev > tonumber(ARGV[a + 3 * i + 1]) then
        need[i], grown = true, true
        if frees[i] > at then at = frees[i] end
      end
    end
  end
  local wait = at - now
  if wait > max_wait then return {0, tostring(wait), tostring(at)} end
  for i = 1, n do
    if need[i] or last[i] then
      local j = a + 3 * i - 1
      book(KEYS[k + i - 1], at, tonumber(ARGV[j]), tonumber(ARGV[j + 1]), wait, last[i])
    end
  end
  return {1, tostring(wait), tostring(at)}
end

local function push_back(key, ms)
  local until_ms = now + ms
  local tat = tonumber(redis.call('GET', key))
  if not tat or tat < until_ms then
    redis.call('SET', key, tostring(until_ms), 'PX', math.ceil(ms) + 1000)
  end
  return {1, '0', tostring(until_ms)}
end

local out, k, a = {}, 1, 1
while a <= #ARGV do
  local op, n = ARGV[a], tonumber(ARGV[a + 1])
  local answer
  if op == 'p' then
    answer = push_back(KEYS[k], tonumber(ARGV[a + 2]))
    a = a + 3
  else
    answer = reserve(k, n, a + 2)
    a = a + 4 + 3 * n
  end
  k = k + n
  out[#out + 1] = answer[1]
  out[#out + 1] = answer[2]
  out[#out + 1] = answer[3]
end
return out
"""
