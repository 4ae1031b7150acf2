-- wrk script: durable, authenticated, audited creates of a 0-10 pain score.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/fhir+json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RELIEF_TOKEN")
wrk.body = '{"resourceType":"Observation","status":"final",' ..
  '"code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},' ..
  '"subject":{"reference":"Patient/' .. os.getenv("RELIEF_PATIENT") .. '"},' ..
  '"effectiveDateTime":"2026-01-15T08:00:00Z","valueInteger":6}'
