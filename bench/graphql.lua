-- wrk script for one benchmark scenario. Environment: BENCH_DATA (data.lua written by the generator), BENCH_PATH,
-- BENCH_DOC (a GraphQL document file, or "-" to send the template as the raw body), BENCH_VARS (a template with
-- placeholders, see scenarios.list), BENCH_TOKEN (a bearer token, optional), BENCH_METHOD (POST, the default, or GET: queries are then sent as GET
-- /graphql?query=...&variables=..., as a CDN or the response cache sees them; mutations stay POST). Counts as
-- errors: any status other than 200/204 and any body with "errors".
local data = dofile(os.getenv("BENCH_DATA"))
local path = os.getenv("BENCH_PATH")
local docfile = os.getenv("BENCH_DOC")
local template = os.getenv("BENCH_VARS")
local words = {"banjir", "perdamaian", "damai", "pemilu", "Jakarta", "Bogor", "korupsi", "gempa", "harga beras",
  "sepak bola", "kebakaran hutan", "vaksin"}
local pairs_of_words = {"banjir jakarta", "harga beras", "pemilu damai", "gempa bogor", "korupsi daerah",
  "vaksin anak", "sepak bola", "kebakaran hutan", "perdamaian dunia", "jalan tol"}
local typos = {"banjr", "jakrta", "perdamain", "korupsu", "pemlu", "gemap", "bogr", "vaksn", "kebakarn", "bersa"}
local prefix
local getprefix
local function urlencode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
if docfile ~= "-" then
  local f = assert(io.open(docfile))
  local raw = f:read("*a")
  f:close()
  local doc = raw:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", "\\n")
  prefix = '{"query":"' .. doc .. '","variables":'
  if os.getenv("BENCH_METHOD") == "GET" and not raw:find("^%s*mutation") then
    getprefix = path .. "?query=" .. urlencode(raw) .. "&variables="
  end
end
local threads = {}
local tid = 0
function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
  table.insert(threads, thread)
end
local n = 0
errors = 0
sample = nil
function init(args)
  math.randomseed(tid * 7919 + os.time())
end
local function pick(list) return list[math.random(#list)] end
local function fill()
  n = n + 1
  return (template:gsub("%$(%w+)", function(name)
    if name == "slug" then return pick(data.slugs)
    elseif name == "section" then return pick(data.sections)
    elseif name == "articleId" then return pick(data.ids)
    elseif name == "reporter" then return pick(data.reporters)
    elseif name == "dayago" then return os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 86400)
    elseif name == "weekago" then return os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 7 * 86400)
    elseif name == "now" then return os.date("!%Y-%m-%dT%H:%M:%SZ")
    elseif name == "cursor500" then return data.cursor500
    elseif name == "visitor" then return "w" .. tid .. "-" .. n .. "-" .. math.random(1e9)
    elseif name == "word" then return pick(words)
    elseif name == "twowords" then return pick(pairs_of_words)
    elseif name == "typo" then return pick(typos)
    elseif name == "views" then
      local v = {}
      for i = 1, 50 do
        v[i] = '{"articleId":"' .. pick(data.ids) .. '","visitorId":"v' .. tid .. "-" .. n .. "-" .. i .. "-" .. math.random(1e9) .. '"}'
      end
      return "[" .. table.concat(v, ",") .. "]"
    end
  end))
end
local token = os.getenv("BENCH_TOKEN")
local ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
-- BENCH_TOKEN: a bearer token sent with every request (the dashboard's queries are for editors only)
local function headers(h)
  if token and token ~= "" then h["Authorization"] = "Bearer " .. token end
  return h
end
function request()
  if getprefix then
    return wrk.format("GET", getprefix .. urlencode(fill()), headers({["Accept"] = "application/json", ["User-Agent"] = ua}))
  end
  local body
  local ctype = "application/json"
  if prefix then
    body = prefix .. fill() .. "}"
  else
    body = fill()
    ctype = "text/plain;charset=UTF-8"
  end
  return wrk.format("POST", path, headers({["Content-Type"] = ctype, ["User-Agent"] = ua}), body)
end
function response(status, headers, body)
  if (status ~= 200 and status ~= 204) or (body and body:find('"errors"', 1, true)) then
    errors = errors + 1
    if sample == nil then sample = status .. " " .. string.sub(body or "", 1, 300) end
  end
end
function done(summary, latency, requests)
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local first
  for _, t in ipairs(threads) do
    errs = errs + t:get("errors")
    first = first or t:get("sample")
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.2f p99=%.2f errors=%d\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errs))
  if first then io.write("SAMPLE " .. first .. "\n") end
end
