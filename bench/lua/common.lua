-- Shared by every workload: the credential, per-thread state, and a machine-readable summary line.
local M = {}

M.key = os.getenv("BENCH_KEY") or ""
M.users = tonumber(os.getenv("BENCH_USERS") or "100000")
M.tag = os.getenv("BENCH_TAG") or "x"

local threads = {}

function M.setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function M.headers(extra)
  local h = { ["Accept"] = "application/json" }
  if M.key ~= "" then h["Authorization"] = "Bearer " .. M.key end
  if extra then for k, v in pairs(extra) do h[k] = v end end
  return h
end

function M.random_user()
  return string.format("u%06d", math.random(1, M.users))
end

-- Keycloak peer (bench/run --peer keycloak): the bench realm's Admin API, and the fixed IDs that
-- bench/keycloak.py gives the seeded users (user n is 00000000-0000-4000-8000-<n, 12 digits>).
M.kc_users = "/admin/realms/bench/users"

function M.kc_user_id(n)
  return string.format("00000000-0000-4000-8000-%012d", n)
end

function M.kc_random_user()
  return M.kc_user_id(math.random(1, M.users))
end

-- One JSON line that bench/run parses: requests/s, latency percentiles (ms), non-2xx count.
function M.done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
               + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH_RESULT {"rps": %.2f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "requests": %d, "errors": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors))
end

return M
