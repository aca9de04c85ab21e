#pragma once
// Deterministic client order ids: every order the bot sends is named after the intent it
// serves, so a retry, a restart or a reconciliation asks the exchange about the same name
// instead of sending a second order.
//
//   tb-<intent key>-<role><attempt>        e.g. tb-s5bq0hc2k9x0f-e1
//
// The intent key (13 characters) is the signal's decision time in seconds, base 36 (7
// characters), and 6 base-36 digits of a hash of strategy, symbol, side, interval and time:
// the same signal always gives the same key; two signals give the same key only by a hash
// collision within the same second. Roles: e entry, s stop-loss, t take-profit, c market
// close; the attempt (1..99) tells re-armed protective orders apart. At most 20 characters,
// within Binance's 36 and its alphabet [.A-Z:/a-z0-9_-].
#include <optional>
#include <string>
#include <string_view>

#include "services/trade_signal.hpp"
#include "store/journal_types.hpp"  // order_role, shared with the trade journal

namespace tb::host {

// The intent key of a signal: 13 characters of [0-9a-z].
std::string intent_key(const trade_signal& signal);

// "tb-<key>-<role><attempt>". Throws std::invalid_argument for a key that is not 13
// characters of [0-9a-z] or an attempt outside 1..99.
std::string client_order_id(std::string_view intent_key, order_role role, unsigned attempt = 1);

struct parsed_order_id {
  std::string intent_key;
  order_role role;
  unsigned attempt;
  bool operator==(const parsed_order_id&) const = default;
};

// The parts of an id client_order_id() made; std::nullopt for any other id (an order placed
// outside the bot, by hand or by another program).
std::optional<parsed_order_id> parse_client_order_id(std::string_view id);

}  // namespace tb::host
