#pragma once
// Public market-data routes (security type NONE) and their request weights.
#include <cstdint>
#include <string>

#include "server/exchange_context.hpp"
#include "server/rest_types.hpp"

namespace tb::fake {

class market_endpoints {
 public:
  explicit market_endpoints(exchange_context& ctx);

  // True when this method + path is one of ours; `weight` then holds its IP weight.
  bool matches(const rest_request& r, std::int64_t& weight) const;
  rest_response handle(const rest_request& r);

 private:
  rest_response exchange_info();
  rest_response klines(const rest_request& r);
  rest_response ticker_24hr(const rest_request& r);
  rest_response ticker_price(const rest_request& r);
  rest_response premium_index(const rest_request& r);

  exchange_context& ctx_;
  std::string info_prefix_;  // exchangeInfo up to "serverTime":
  std::string info_suffix_;  // the rest, built once
};

}  // namespace tb::fake
