-- W5: rename a random user.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local n = 0
function init(args) math.randomseed(os.time() * 1000 + tid) end
function request()
  n = n + 1
  local id = c.random_user()
  local body = string.format('{"user":{"name":"Renamed %d-%d"},"field_mask":{"paths":["name"]}}', tid, n)
  return wrk.format("PUT", "/api/v3/users/" .. id, c.headers({ ["Content-Type"] = "application/json" }), body)
end
done = c.done
