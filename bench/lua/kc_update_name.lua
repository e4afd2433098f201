-- W5 on Keycloak: rename (first name) a random seeded user.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local n = 0
function init(args) math.randomseed(os.time() * 1000 + tid) end
function request()
  n = n + 1
  local body = string.format('{"firstName":"Renamed %d-%d"}', tid, n)
  return wrk.format("PUT", c.kc_users .. "/" .. c.kc_random_user(),
    c.headers({ ["Content-Type"] = "application/json" }), body)
end
done = c.done
