#pragma once
// The shared state of one fake exchange: options, clock, market, limits, faults, logs.
// Owned by fake_server, shared with every session.
#include <functional>
#include <memory>
#include <string>

#include "faults/fault_injector.hpp"
#include "faults/request_log.hpp"
#include "limits/weight_limiter.hpp"
#include "market/market.hpp"
#include "market/sim_clock.hpp"
#include "market/symbol_catalog.hpp"
#include "server/rest_types.hpp"
#include "server/server_options.hpp"

namespace tb::fake {

class ws_hub;
class account_book;

struct exchange_context {
  explicit exchange_context(const server_options& o);
  ~exchange_context();

  server_options options;
  sim_clock clock;
  symbol_catalog catalog;
  market prices;
  weight_limiter weights;
  fault_injector faults;
  request_log requests;
  std::unique_ptr<ws_hub> hub;
  // Set by the router: expires the account's listen key (admin hook).
  std::function<void()> expire_listen_key;
  // Set by the router: the account's active listen key, empty when none (admin hook).
  std::function<std::string()> active_listen_key;
  // Set by the router: fill part of an open LIMIT order (symbol, clientOrderId, quantity) now
  // as a maker fill; 200 with the order, or 400 {"error":...} (admin hook).
  std::function<rest_response(const std::string&, const std::string&, const std::string&)> fill_order;
  // Set by the router: hold (true) or resume (false) price-driven LIMIT fills (admin hook).
  std::function<void(bool)> hold_limits;
};

}  // namespace tb::fake
