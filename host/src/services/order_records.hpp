#pragma once
// The small translations between the exchange's order structs and the journal's records
// that the ExecutionService and the reconciler share.
#include <tradingbot/tb_abi.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "store/journal_records.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

// Copies `text` into a fixed C field, cut to fit, always terminated.
template <std::size_t N>
void copy_text(char (&field)[N], std::string_view text) noexcept {
  const std::size_t n = std::min(text.size(), N - 1);
  std::memcpy(field, text.data(), n);
  field[n] = '\0';
}

// The deadline of an exchange call started now.
std::int64_t deadline_after(const clock& clk, std::chrono::milliseconds timeout) noexcept;

// An order request; `quantity` empty for a close-position order, `stop_price` empty but for
// stops and targets.
tb_order_request make_order_request(std::string_view symbol, std::int32_t side, std::int32_t type,
                                    std::string_view quantity, std::string_view stop_price,
                                    std::string_view client_id, std::uint32_t flags);

std::int32_t opposite_side(std::int32_t side) noexcept;
std::int32_t side_of(position_side side) noexcept;
order_side order_side_of(std::int32_t side) noexcept;
const char* order_type_name(std::int32_t type) noexcept;  // "MARKET", "STOP_MARKET", ...
order_state journal_state(std::int32_t state) noexcept;   // from TB_ORDER_STATE_*

// A status after which the order may or may not exist on the exchange.
bool uncertain(tb_status code) noexcept;
// The nearest double of decimal text from the exchange or the journal, 0 when it is not a
// number: for decisions and logs, never for an amount that is sent or journalled.
double decimal_value(std::string_view text) noexcept;
// A decimal quantity above zero.
bool has_quantity(std::string_view quantity) noexcept;
// The order has a fill (filled_quantity above zero).
bool has_fill(const tb_order_state& order) noexcept;
// Decimal text from the exchange, "0" when it left the field empty.
std::string amount(const char* text);
// a + b, exact.
std::string decimal_add(std::string_view a, std::string_view b);

// The highest attempt journalled for the intent's orders of `role` (0: none): the next one
// is named attempt + 1, so an id is never used twice.
unsigned last_attempt(trade_journal& journal, std::int64_t intent_id, order_role role);
// The highest attempt of `role` the exchange did not refuse (0: none): the stop or target
// that stands. A refused move (a new "-s3") leaves the "-s2" before it in place.
unsigned live_attempt(trade_journal& journal, std::int64_t intent_id, order_role role);
// The intent's open trade, if it has one.
std::optional<trade_record> open_trade_of(trade_journal& journal, std::int64_t intent_id);

}  // namespace tb::host
