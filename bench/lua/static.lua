-- The HTTP ceiling: nginx answering a fixed 200.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
