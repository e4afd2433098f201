-- W3 on Keycloak: the same deep page as Keyward's (page BENCH_PAGE of 100), brief representations.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local first = (tonumber(os.getenv("BENCH_PAGE") or "500") - 1) * 100
local path = c.kc_users .. "?briefRepresentation=true&max=100&first=" .. first
function request() return wrk.format("GET", path, c.headers()) end
done = c.done
