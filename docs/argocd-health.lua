-- Argo CD health check for hypersweep.io/HyperparameterSweep.
-- Install under resource.customizations.health.hypersweep.io_HyperparameterSweep in argocd-cm.
--   Succeeded                      -> Healthy
--   Failed, Invalid                -> Degraded
--   Pending, Running, not yet seen -> Progressing (also while the operator has not observed the
--                                     latest metadata.generation, e.g. right after a sync)
local hs = {}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function summary(status)
  local parts = {}
  if status.progress ~= nil then
    table.insert(parts, "progress " .. status.progress)
  end
  if status.bestTrial ~= nil and status.bestTrial.objectiveValue ~= nil then
    table.insert(parts, "best " .. tostring(status.bestTrial.objectiveValue) ..
      " (trial " .. tostring(status.bestTrial.number) .. ")")
  end
  return table.concat(parts, ", ")
end

local function with(prefix, text)
  if text == nil or text == "" then
    return prefix
  end
  return prefix .. ": " .. text
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the sweep"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local phase = status.phase
if phase == "Succeeded" then
  local c = condition(status, "Succeeded")
  hs.status = "Healthy"
  hs.message = with(c and c.reason or "Succeeded", status.message)
elseif phase == "Failed" then
  local c = condition(status, "Failed")
  hs.status = "Degraded"
  hs.message = with(c and c.reason or "Failed", status.message)
elseif phase == "Invalid" then
  hs.status = "Degraded"
  hs.message = with("InvalidSpec", status.message)
elseif phase == "Pending" or phase == "Running" then
  local c = condition(status, "Running")
  local reason = c and c.reason or phase
  hs.status = "Progressing"
  local detail = summary(status)
  if reason == "SuggestionFailed" then
    detail = status.message
  end
  hs.message = with(reason, detail)
else
  hs.status = "Unknown"
  hs.message = with("Unknown phase " .. tostring(phase), status.message)
end
return hs
