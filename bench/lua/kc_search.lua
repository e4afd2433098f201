-- W4 on Keycloak: five random digits as an infix search (*digits*: Keycloak's default is a prefix
-- search), over username, e-mail, first and last name; 20 results, brief representations.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init(args) math.randomseed(os.time() * 1000 + tid) end
function request()
  return wrk.format("GET", string.format("%s?briefRepresentation=true&max=20&search=*%05d*", c.kc_users,
    math.random(0, 99999)), c.headers())
end
done = c.done
