#pragma once
// Binance's checks on keyed and signed requests, in the order the simulator applies them:
// API key (-2014 missing/malformed, -2015 unknown), then signature (-1102 missing, -1022 bad),
// then the timestamp window (-1102 missing, -1021 too old or 1000 ms ahead).
#include <optional>

#include "server/exchange_context.hpp"
#include "server/rest_types.hpp"

namespace tb::fake {

// Empty when the request may proceed, else the error answer.
std::optional<rest_response> check_api_key(const exchange_context& ctx, const rest_request& r);
std::optional<rest_response> check_signed(const exchange_context& ctx, const rest_request& r);

}  // namespace tb::fake
