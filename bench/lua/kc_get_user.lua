-- W2 on Keycloak: a random seeded user by its ID (one read by identifier, as Keyward's W2 by user ID).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init(args) math.randomseed(os.time() * 1000 + tid) end
function request() return wrk.format("GET", c.kc_users .. "/" .. c.kc_random_user(), c.headers()) end
done = c.done
