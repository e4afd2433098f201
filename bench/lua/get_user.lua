-- W2: a random user by ID with a field mask.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init(args) math.randomseed(os.time() * 1000 + tid) end
function request()
  return wrk.format("GET", "/api/v3/users/" .. c.random_user() ..
    "?field_mask=name,primary_email_address,state,admin", c.headers())
end
done = c.done
