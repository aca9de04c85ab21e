#pragma once
// Maps a Binance request to its handler and IP weight.
#include <cstdint>

#include "server/account_endpoints.hpp"
#include "server/exchange_context.hpp"
#include "server/market_endpoints.hpp"
#include "server/rest_types.hpp"

namespace tb::fake {

class rest_router {
 public:
  explicit rest_router(exchange_context& ctx) : market_(ctx), account_(ctx) {
    ctx.expire_listen_key = [this] { account_.book().expire_listen_key(); };
    ctx.active_listen_key = [this] { return account_.book().active_listen_key(); };
    ctx.fill_order = [this](const std::string& symbol, const std::string& client_id, const std::string& qty) {
      return account_.book().admin_fill(symbol, client_id, qty);
    };
    ctx.hold_limits = [this](bool hold) { account_.book().hold_limits(hold); };
  }

  // False for a route the fake does not serve (answered 404).
  bool matches(const rest_request& r, std::int64_t& weight) const {
    return market_.matches(r, weight) || account_.matches(r, weight);
  }
  // Periodic matching, so resting orders fill and algo orders trigger without requests.
  void tick() { account_.book().tick(); }
  rest_response handle(const rest_request& r) {
    std::int64_t ignored = 0;
    return market_.matches(r, ignored) ? market_.handle(r) : account_.handle(r);
  }

 private:
  market_endpoints market_;
  account_endpoints account_;
};

}  // namespace tb::fake
