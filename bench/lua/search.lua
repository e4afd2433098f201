-- W4: search for five random digits (matches user IDs and names of the seeded users).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init(args) math.randomseed(os.time() * 1000 + tid) end
function request()
  return wrk.format("GET", string.format("/api/v3/search/users?query=%05d&limit=20&field_mask=name",
    math.random(0, 99999)), c.headers())
end
done = c.done
