-- W6N: no credential at all: the server's floor for an API request.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
function request() return wrk.format("GET", "/api/v3/auth_info", { ["Accept"] = "application/json" }) end
done = c.done
