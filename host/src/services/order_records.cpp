#include "services/order_records.hpp"

#include <algorithm>
#include <charconv>

#include "services/client_order_id.hpp"
#include "store/decimal_text.hpp"

namespace tb::host {
std::int64_t deadline_after(const clock& clk, std::chrono::milliseconds timeout) noexcept {
  return clk.monotonic_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
}

tb_order_request make_order_request(std::string_view symbol, std::int32_t side, std::int32_t type,
                                    std::string_view quantity, std::string_view stop_price,
                                    std::string_view client_id, std::uint32_t flags) {
  tb_order_request r{};
  r.struct_size = sizeof r;
  r.side = side;
  r.type = type;
  r.flags = flags;
  copy_text(r.symbol, symbol);
  copy_text(r.quantity, quantity);
  copy_text(r.stop_price, stop_price);
  copy_text(r.client_order_id, client_id);
  return r;
}

std::int32_t opposite_side(std::int32_t side) noexcept {
  return side == TB_SIDE_LONG ? TB_SIDE_SHORT : TB_SIDE_LONG;
}

std::int32_t side_of(position_side side) noexcept {
  return side == position_side::long_side ? TB_SIDE_LONG : TB_SIDE_SHORT;
}

order_side order_side_of(std::int32_t side) noexcept {
  return side == TB_SIDE_LONG ? order_side::buy : order_side::sell;
}

const char* order_type_name(std::int32_t type) noexcept {
  switch (type) {
    case TB_ORDER_MARKET: return "MARKET";
    case TB_ORDER_LIMIT: return "LIMIT";
    case TB_ORDER_STOP_MARKET: return "STOP_MARKET";
    case TB_ORDER_TAKE_PROFIT_MARKET: return "TAKE_PROFIT_MARKET";
  }
  return "UNKNOWN";
}

order_state journal_state(std::int32_t state) noexcept {
  switch (state) {
    case TB_ORDER_STATE_NEW: return order_state::open;
    case TB_ORDER_STATE_PARTIALLY_FILLED: return order_state::partially_filled;
    case TB_ORDER_STATE_FILLED: return order_state::filled;
    case TB_ORDER_STATE_CANCELED: return order_state::canceled;
    case TB_ORDER_STATE_REJECTED: return order_state::rejected;
    case TB_ORDER_STATE_EXPIRED: return order_state::expired;
    case TB_ORDER_STATE_TRIGGERED: return order_state::open;  // became a market order
  }
  return order_state::unknown;
}

bool uncertain(tb_status code) noexcept {
  return code == TB_E_UNKNOWN_OUTCOME || code == TB_E_TIMEOUT || code == TB_E_IO;
}

double decimal_value(std::string_view text) noexcept {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : 0;
}

bool has_quantity(std::string_view quantity) noexcept {
  return !quantity.empty() && quantity.find_first_not_of("0.") != std::string_view::npos;
}

bool has_fill(const tb_order_state& order) noexcept { return has_quantity(order.filled_quantity); }

std::string amount(const char* text) {
  return *text == '\0' ? std::string("0") : std::string(text);
}

std::string decimal_add(std::string_view a, std::string_view b) {
  decimal_sum total;
  total.add(a);
  total.add(b);
  return total.str();
}

unsigned last_attempt(trade_journal& journal, std::int64_t intent_id, order_role role) {
  unsigned attempt = 0;
  for (const auto& o : journal.orders_of_intent(intent_id)) {
    const auto parsed = parse_client_order_id(o.client_id);
    if (parsed && parsed->role == role) attempt = std::max(attempt, parsed->attempt);
  }
  return attempt;
}

unsigned live_attempt(trade_journal& journal, std::int64_t intent_id, order_role role) {
  unsigned attempt = 0;
  for (const auto& o : journal.orders_of_intent(intent_id)) {
    const auto parsed = parse_client_order_id(o.client_id);
    if (parsed && parsed->role == role && o.state != order_state::rejected) {
      attempt = std::max(attempt, parsed->attempt);
    }
  }
  return attempt;
}

std::optional<trade_record> open_trade_of(trade_journal& journal, std::int64_t intent_id) {
  for (auto& t : journal.open_trades()) {
    if (t.intent_id == intent_id) return t;
  }
  return std::nullopt;
}

}  // namespace tb::host
