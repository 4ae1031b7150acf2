-- wrk script: a chart's pain-score query for a random patient of the filled database.
local ids = {}
for line in io.lines(os.getenv("RELIEF_IDS")) do ids[#ids + 1] = line end
local token = "Bearer " .. os.getenv("RELIEF_TOKEN")
math.randomseed(42)
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/fhir/Observation?subject=Patient/" .. id .. "&code=72514-3&_sort=-date&_count=20",
    { ["Authorization"] = token })
end
