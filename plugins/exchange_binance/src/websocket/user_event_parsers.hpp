// Parsing of the user-data stream's events (protocol notes section 13) into the SDK's types.
// Pure: no I/O, no state. Decimal fields stay the exchange's exact text. A malformed event
// throws parse_error naming the event type and what is wrong (never the payload, which may be
// long); an event type the plugin does not use is returned as user_event_kind::other.
//
// ALGO_UPDATE statuses map onto tb order states as follows (docs/exchange-binance.md):
//   NEW, TRIGGERING -> NEW        (waiting; TRIGGERING is still on its way to the engine)
//   TRIGGERED       -> TRIGGERED  (the market order was placed: its own ORDER_TRADE_UPDATEs follow)
//   FINISHED        -> FILLED when the placed order executed something, else EXPIRED
//   CANCELED -> CANCELED, EXPIRED -> EXPIRED, REJECTED -> REJECTED
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "market_data/parsers.hpp"
#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::binance {

enum class user_event_kind {
  order,               // ORDER_TRADE_UPDATE: `order`
  algo_order,          // ALGO_UPDATE: `order` (client id = clientAlgoId, exchange id = algoId)
  account,             // ACCOUNT_UPDATE: `balances` and `positions` (only what changed)
  listen_key_expired,  // listenKeyExpired: no more events on this key
  other,               // anything else (ACCOUNT_CONFIG_UPDATE, TRADE_LITE, MARGIN_CALL, ...)
};

struct user_event {
  user_event_kind kind = user_event_kind::other;
  std::string type;            // the "e" field
  std::int64_t event_time_ms = 0; // "E"
  sdk::order_state order;
  std::vector<sdk::balance> balances;
  std::vector<sdk::position> positions;
};

// One message of the private route: a bare event, or {"stream":...,"data":{event}} from the
// combined form.
user_event parse_user_event(std::string_view text);

}  // namespace tb::binance
