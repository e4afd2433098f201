-- W1 on Keycloak: create a user with a password (Keycloak's default hashing), as Keyward's W1.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local n = 0
function request()
  n = n + 1
  local id = string.format("w1-%s-%d-%d", c.tag, tid, n)
  local body = string.format(
    '{"username":"%s","enabled":true,"firstName":"W1 %d","email":"%s@bench.test",' ..
    '"credentials":[{"type":"password","value":"Bench-Passw0rd-%d","temporary":false}]}', id, n, id, n)
  return wrk.format("POST", c.kc_users, c.headers({ ["Content-Type"] = "application/json" }), body)
end
done = c.done
