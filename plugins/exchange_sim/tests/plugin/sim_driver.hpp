// Drives the built exchange_sim plugin through its C ABI tables, the way the host does, with
// the SDK tests' fake host (wall clock, settings, log) and a sink that records every push as
// one line holding all its fields (so two runs can be compared byte for byte).
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fake_host.hpp"
#include "plugin_library.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::exchange_sim::testing {

using sdk::testing::fake_host;
using sdk::testing::plugin_instance;
using sdk::testing::plugin_library;

// 2024-01-01 00:00 UTC.
inline constexpr std::int64_t jan_2024 = 1'704'067'200'000;
inline constexpr std::int64_t minute_ms = 60'000;

inline const plugin_library& sim_library() {
  static const plugin_library lib(TB_EXCHANGE_SIM_PATH);
  return lib;
}

template <std::size_t N>
void copy(char (&to)[N], const std::string& from) {
  std::snprintf(to, N, "%s", from.c_str());
}

class full_sink {
 public:
  full_sink() {
    sink_.struct_size = sizeof sink_;
    sink_.ctx = this;
    sink_.on_candle = [](void* ctx, const char* symbol, const char* interval, const tb_candle* c) {
      char line[256];
      std::snprintf(line, sizeof line, "candle %s %s %lld %lld %.10g %.10g %.10g %.10g %.10g %u", symbol, interval,
                    static_cast<long long>(c->open_time_ms), static_cast<long long>(c->close_time_ms), c->open,
                    c->high, c->low, c->close, c->volume, c->flags);
      self(ctx).push(line);
    };
    sink_.on_order_update = [](void* ctx, const tb_order_state* o) {
      self(ctx).push(std::string("order ") + o->symbol + " " + o->client_order_id + " " + o->exchange_order_id +
                     " state=" + std::to_string(o->state) + " type=" + std::to_string(o->type) + " qty=" + o->quantity +
                     " filled=" + o->filled_quantity + " avg=" + o->average_price + " stop=" + o->stop_price +
                     " last=" + o->last_fill_quantity + "@" + o->last_fill_price + " fee=" + o->commission + " " +
                     o->commission_asset + " pnl=" + o->realized_pnl + " t=" + std::to_string(o->update_time_ms));
    };
    sink_.on_position_update = [](void* ctx, const tb_position* p) {
      self(ctx).push(std::string("position ") + p->symbol + " " + p->quantity + " entry=" + p->entry_price +
                     " mark=" + p->mark_price + " upnl=" + p->unrealized_pnl + " liq=" + p->liquidation_price +
                     " t=" + std::to_string(p->update_time_ms));
    };
    sink_.on_balance_update = [](void* ctx, const tb_balance* b) {
      self(ctx).push(std::string("balance ") + b->asset + " " + b->wallet_balance + " avail=" + b->available_balance +
                     " upnl=" + b->unrealized_pnl + " t=" + std::to_string(b->update_time_ms));
    };
  }
  full_sink(const full_sink&) = delete;
  full_sink& operator=(const full_sink&) = delete;

  const tb_market_sink* raw() const { return &sink_; }
  std::vector<std::string> events;

 private:
  static full_sink& self(void* ctx) { return *static_cast<full_sink*>(ctx); }
  void push(std::string line) { events.push_back(std::move(line)); }
  tb_market_sink sink_{};
};

// One plugin instance on its own fake host.
class sim_driver {
 public:
  explicit sim_driver(const std::string& config, std::int64_t start_ms = jan_2024) {
    host.config = config;
    host.wall_ms = start_ms;
    instance = std::make_unique<plugin_instance>(sim_library(), host.api(), "sim");
    if (instance->self() == nullptr) return;
    ex = sim_library().interface<tb_exchange_v1>(instance->self(), TB_IFACE_EXCHANGE_V1);
    sim = sim_library().interface<tb_simulator_v1>(instance->self(), TB_IFACE_SIMULATOR_V1);
  }

  void* self() const { return instance->self(); }

  // Moves the market to t, then the host's clock (the host's order of things).
  tb_status advance(std::int64_t t) {
    tb_error err{};
    const tb_status s = sim->advance_to(self(), t, &err);
    last_error = err;
    if (s == TB_OK) host.wall_ms = t;
    return s;
  }

  // Moves the market to t or to the first account event before it, then the host's clock;
  // the time played to goes to *played.
  tb_status advance_to_event(std::int64_t t, std::int64_t* played) {
    tb_error err{};
    const tb_status s = sim->advance_to_account_event(self(), t, played, &err);
    last_error = err;
    if (s == TB_OK) host.wall_ms = *played;
    return s;
  }

  std::vector<tb_candle> candles(const std::string& symbol, const std::string& interval, std::int64_t start,
                                 std::int64_t end, std::uint32_t limit, tb_status* status = nullptr) {
    std::vector<tb_candle> out(1500);
    std::size_t count = 0;
    tb_error err{};
    const tb_status s = ex->fetch_candles(self(), symbol.c_str(), interval.c_str(), start, end, limit, 0,
                                          out.data(), out.size(), &count, &err);
    if (status != nullptr) *status = s;
    else EXPECT_EQ(s, TB_OK) << err.message;
    out.resize(s == TB_OK ? count : 0);
    return out;
  }

  tb_status place(int side, int type, const std::string& symbol, const std::string& qty, const std::string& id,
                  const std::string& stop = "", std::uint32_t flags = 0, tb_order_state* ack = nullptr) {
    tb_order_request r{};
    r.struct_size = sizeof r;
    r.side = side;
    r.type = type;
    r.flags = flags;
    copy(r.symbol, symbol);
    copy(r.quantity, qty);
    copy(r.stop_price, stop);
    copy(r.client_order_id, id);
    tb_order_state state{};
    tb_error err{};
    const tb_status s = ex->place_order(self(), &r, 0, ack != nullptr ? ack : &state, &err);
    last_error = err;
    return s;
  }

  tb_order_state query(const std::string& symbol, const std::string& id, tb_status* status = nullptr) {
    tb_order_state state{};
    tb_error err{};
    const tb_status s = ex->query_order(self(), symbol.c_str(), id.c_str(), 0, &state, &err);
    if (status != nullptr) *status = s;
    return state;
  }

  std::vector<tb_fill> fills(const std::string& symbol, const std::string& id, tb_status* status) {
    std::vector<tb_fill> out(16);
    std::size_t count = 0;
    tb_error err{};
    *status = ex->get_order_fills(self(), symbol.c_str(), id.c_str(), 0, out.data(), out.size(), &count, &err);
    out.resize(*status == TB_OK ? count : 0);
    return out;
  }

  fake_host host;
  std::unique_ptr<plugin_instance> instance;
  const tb_exchange_v1* ex = nullptr;
  const tb_simulator_v1* sim = nullptr;
  tb_error last_error{};
};

}  // namespace tb::exchange_sim::testing
