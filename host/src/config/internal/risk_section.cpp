#include <array>
#include <chrono>

#include "config/internal/enum_names.hpp"
#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

constexpr std::array<enum_name<margin_type>, 2> margin_type_names{{
    {"isolated", margin_type::isolated},
    {"cross", margin_type::cross},
}};

constexpr std::array<enum_name<entry_order_type>, 2> entry_order_names{{
    {"market", entry_order_type::market},
    {"limit", entry_order_type::limit},
}};

}  // namespace

void read_risk(reader& r, const field& f, risk_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  map_reader section(r, f);
  section.allow_only({"max_open_positions", "risk_per_trade_percent", "max_leverage", "margin_type",
                      "max_notional_per_position", "daily_loss_limit_percent",
                      "max_drawdown_percent", "stop_loss_cooldown", "entry_order",
                      "limit_timeout"});
  if (auto v = section.get("max_open_positions")) {
    read_integer<std::uint32_t>(r, *v, 1, 100, out.max_open_positions);
  }
  if (auto v = section.get("risk_per_trade_percent")) {
    read_number(r, *v, 0.01, 10, out.risk_per_trade_percent);
  }
  if (auto v = section.get("max_leverage")) {
    read_integer<std::uint32_t>(r, *v, 1, 125, out.max_leverage);
  }
  if (auto v = section.get("margin_type")) read_enum(r, *v, margin_type_names, out.margin);
  if (auto v = section.get("max_notional_per_position")) {
    read_number(r, *v, 0, 1e12, out.max_notional_per_position);
  }
  if (auto v = section.get("daily_loss_limit_percent")) {
    read_number(r, *v, 0, 100, out.daily_loss_limit_percent);
  }
  if (auto v = section.get("max_drawdown_percent")) {
    read_number(r, *v, 0, 100, out.max_drawdown_percent);
  }
  if (auto v = section.get("stop_loss_cooldown")) {
    read_duration(r, *v, milliseconds{0}, hours{168}, out.stop_loss_cooldown);
  }
  if (auto v = section.get("entry_order")) read_enum(r, *v, entry_order_names, out.entry_order);
  if (auto v = section.get("limit_timeout")) {
    read_duration(r, *v, seconds{1}, hours{1}, out.limit_timeout);
  }
}

}  // namespace tb::host::config_internal
