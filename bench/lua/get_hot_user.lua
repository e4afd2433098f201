-- W6: the same user again and again: the cost of authenticating a request dominates.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local path = "/api/v3/users/u000001?field_mask=name,primary_email_address,state,admin"
function request() return wrk.format("GET", path, c.headers()) end
done = c.done
