-- Every request asks for a different page address (a counter in the page's query string), so no memoised answer
-- can be reused: this measures the full rule evaluation of 50 chatflows x 20 rules per request.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "%3Fn%3D" .. counter)
end
