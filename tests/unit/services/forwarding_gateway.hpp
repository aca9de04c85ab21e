#pragma once
// A gateway that hands every call to another one: tests derive from it and change only the
// calls whose failure they play (a refused stop, a lost answer, a crash).
#include <string>
#include <vector>

#include "services/order_gateway.hpp"

namespace tb::host::testing {

class forwarding_gateway : public order_gateway {
 public:
  explicit forwarding_gateway(order_gateway& target) : target_(target) {}

  exchange_status get_balances(std::int64_t d, std::vector<tb_balance>& out) override {
    return target_.get_balances(d, out);
  }
  exchange_status get_positions(std::int64_t d, std::vector<tb_position>& out) override {
    return target_.get_positions(d, out);
  }
  exchange_status place_order(const tb_order_request& r, std::int64_t d,
                              tb_order_state& ack) override {
    return target_.place_order(r, d, ack);
  }
  exchange_status cancel_order(const std::string& symbol, const std::string& id, std::int64_t d,
                               tb_order_state& result) override {
    return target_.cancel_order(symbol, id, d, result);
  }
  exchange_status query_order(const std::string& symbol, const std::string& id, std::int64_t d,
                              tb_order_state& result) override {
    return target_.query_order(symbol, id, d, result);
  }
  exchange_status list_open_orders(const std::string& symbol, std::int64_t d,
                                   std::vector<tb_order_state>& out) override {
    return target_.list_open_orders(symbol, d, out);
  }
  exchange_status set_leverage(const std::string& symbol, std::int32_t leverage,
                               std::int64_t d) override {
    return target_.set_leverage(symbol, leverage, d);
  }
  exchange_status set_margin_type(const std::string& symbol, std::int32_t margin_type,
                                  std::int64_t d) override {
    return target_.set_margin_type(symbol, margin_type, d);
  }
  exchange_status subscribe_account(const tb_market_sink& sink) override {
    return target_.subscribe_account(sink);
  }
  exchange_status get_order_fills(const std::string& symbol, const std::string& id,
                                  std::int64_t d, std::vector<tb_fill>& out) override {
    return target_.get_order_fills(symbol, id, d, out);
  }

 private:
  order_gateway& target_;
};

}  // namespace tb::host::testing
