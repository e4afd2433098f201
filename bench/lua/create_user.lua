-- W1: create a user with a password (the password hash dominates).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local n = 0
function request()
  n = n + 1
  local id = string.format("w1-%s-%d-%d", c.tag, tid, n)
  local body = string.format(
    '{"user":{"ids":{"user_id":"%s"},"name":"W1 %d","primary_email_address":"%s@bench.test","password":"Bench-Passw0rd-%d"}}',
    id, n, id, n)
  return wrk.format("POST", "/api/v3/users", c.headers({ ["Content-Type"] = "application/json" }), body)
end
done = c.done
