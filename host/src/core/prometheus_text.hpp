#pragma once

#include <string>
#include <vector>

#include "core/metric_types.hpp"

namespace tb::host {

// Renders families in the Prometheus text exposition format 0.0.4: one HELP and one TYPE
// line per family, label values escaped (\\, \", \n), histograms as cumulative
// `_bucket{le="..."}` lines ending with le="+Inf", then `_sum` and `_count`.
// Pure functions: safe from any thread.
std::string to_prometheus_text(const std::vector<family_snapshot>& families);

// Shortest text that parses back to the same double; +Inf, -Inf and NaN as Prometheus
// spells them.
std::string format_prometheus_value(double value);

}  // namespace tb::host
