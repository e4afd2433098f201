-- W6N on Keycloak: no credential, the realm's public information (its floor for a request).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
function request() return wrk.format("GET", "/realms/bench", { ["Accept"] = "application/json" }) end
done = c.done
