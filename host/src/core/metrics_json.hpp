#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/metric_types.hpp"

namespace tb::host {

// The JSON form of a metrics snapshot (metrics.json):
//   {"metrics": [{"name", "type", "help",
//                 "series": [{"labels": {..}, "value": 1.0}                       counter, gauge
//                            {"labels": {..}, "buckets": [{"le": 0.1, "count": 3}, ...,
//                             {"le": "+Inf", "count": 9}], "sum": 1.5, "count": 9}]}]}  histogram
// Non-finite values, which JSON cannot hold, are written as the strings "+Inf", "-Inf", "NaN".
// A pure function: safe from any thread.
nlohmann::json metrics_to_json(const std::vector<family_snapshot>& families);

}  // namespace tb::host
