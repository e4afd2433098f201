-- W3: a deep page of the user list.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local page = os.getenv("BENCH_PAGE") or "500"
function request()
  return wrk.format("GET", "/api/v3/users?field_mask=name,state&limit=100&page=" .. page, c.headers())
end
done = c.done
