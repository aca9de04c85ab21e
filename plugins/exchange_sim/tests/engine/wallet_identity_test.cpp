// The wallet identity after many random trades (seeded): wallet == initial + sum over every
// fill of (realized - commission) + sum of funding, exactly, at every step.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "engine_fixture.hpp"

namespace tb::exchange_sim::testing {
namespace {

TEST_F(engine_test, wallet_identity_holds_exactly_after_many_random_trades) {
  std::mt19937_64 rng(20261124);
  std::int64_t ticks = 400'000;  // 40000.0 in 0.1 ticks
  std::set<std::string> ids;
  int id = 0;
  const std::int64_t initial = engine.wallet();
  // Isolated, with leverage up to 125: liquidations happen too.
  engine.set_margin_type(0, sdk::margin_type::isolated);
  for (int step = 0; step < 3000; ++step) {
    price = ticks * px("0.1");
    const auto r = rng() % 10;
    const auto side = rng() % 2 == 0 ? sdk::side::long_ : sdk::side::short_;
    const std::string qty = format_qty(static_cast<std::int64_t>(2 + rng() % 60) * money("0.001"));
    const std::string name = "o" + std::to_string(++id);
    try {
      if (r < 4) {
        market(side, qty, name);
      } else if (r < 6) {
        const std::int64_t offset = static_cast<std::int64_t>(1 + rng() % 400);
        const std::int64_t level = side == sdk::side::long_ ? ticks - offset : ticks + offset;
        place(side, sdk::order_type::limit, qty, name, format_price(level * px("0.1")));
      } else if (r < 8) {
        const std::int64_t offset = static_cast<std::int64_t>(1 + rng() % 400);
        const bool stop = rng() % 2 == 0;
        // A sell stop sits below, a sell target above; buys mirror.
        const bool below = (side == sdk::side::short_) == stop;
        const std::int64_t level = below ? ticks - offset : ticks + offset;
        place(side, stop ? sdk::order_type::stop_market : sdk::order_type::take_profit_market,
              rng() % 2 == 0 ? "" : qty, name, format_price(level * px("0.1")),
              rng() % 3 == 0 ? TB_ORDER_REDUCE_ONLY : TB_ORDER_CLOSE_POSITION);
      } else if (r == 8) {
        engine.fund(0, t0 + step * minute, price, static_cast<std::int64_t>(rng() % 20'001) - 10'000, events);
      } else {
        engine.set_leverage(0, static_cast<std::int32_t>(1 + rng() % 125));
      }
      if (r < 8) ids.insert(name);
    } catch (const sdk::error&) {
    }
    // A random candle around a random walk.
    const std::int64_t open = ticks;
    ticks += static_cast<std::int64_t>(rng() % 4001) - 2000;  // up to 0.5 %
    const std::int64_t high = std::max(open, ticks) + static_cast<std::int64_t>(rng() % 300);
    const std::int64_t low = std::min(open, ticks) - static_cast<std::int64_t>(rng() % 300);
    play(t0 + step * minute, static_cast<double>(open) / 10, static_cast<double>(high) / 10,
         static_cast<double>(low) / 10, static_cast<double>(ticks) / 10);

    ASSERT_EQ(engine.wallet(),
              initial + engine.total_realized() - engine.total_commission() + engine.total_funding());
  }
  // The same from the order updates, fill by fill, and from get-fills.
  std::int64_t from_updates = 0;
  std::int64_t liquidations = 0;
  for (const auto& e : events) {
    if (const auto* o = std::get_if<sdk::order_state>(&e); o != nullptr && !o->last_fill_quantity.empty()) {
      from_updates += *parse_fixed(o->realized_pnl, 8) - *parse_fixed(o->commission, 8);
      if (o->client_order_id.rfind("autoclose-", 0) == 0) {
        ++liquidations;
        ids.insert(o->client_order_id);
      }
    }
  }
  std::int64_t from_fills = 0;
  for (const auto& name : ids) {
    for (const auto& f : engine.fills("BTCUSDT", name)) {
      from_fills += *parse_fixed(f.realized_pnl, 8) - *parse_fixed(f.commission, 8);
    }
  }
  EXPECT_EQ(engine.wallet(), initial + from_updates + engine.total_funding());
  EXPECT_EQ(engine.wallet(), initial + from_fills + engine.total_funding());
  EXPECT_EQ(*parse_fixed(engine.balance(0).wallet_balance, 8), engine.wallet());
  EXPECT_GT(engine.total_commission(), 0);
  EXPECT_GT(liquidations, 0);
}

}  // namespace
}  // namespace tb::exchange_sim::testing
