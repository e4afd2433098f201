-- W6 on Keycloak: the same user (u000001) again and again, by its ID.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local path = c.kc_users .. "/" .. c.kc_user_id(1)
function request() return wrk.format("GET", path, c.headers()) end
done = c.done
