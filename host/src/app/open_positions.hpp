#pragma once
// The open positions as the journal knows them, each with the protective orders working for
// it: what /api/positions, /status and the "position without a stop" alert look at.
#include <vector>

#include "services/monitoring_service.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

// The journal's open trades of `mode`; a stop or target counts only while its order is
// working (sent, open or partially filled).
std::vector<position_view> open_positions(trade_journal& journal, trade_mode mode);

}  // namespace tb::host
