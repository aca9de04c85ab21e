// tb::sdk::notifier: the base class of notifier plugins (interface "tb.notifier/1").
//
// The host sends trade events, alerts and summaries to every notifier. notify() is [any]:
// it may be called from several threads at once, so it must be thread-safe, and it must only
// queue the message (delivery happens on the plugin's own thread, or in flush()). Throw
// tb::sdk::error to refuse a message with a status.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/plugin.hpp"

namespace tb::sdk {

enum class note_kind : std::int32_t {
  message = TB_NOTE_MESSAGE, // free text
  trade_opened = TB_NOTE_TRADE_OPENED,
  trade_closed = TB_NOTE_TRADE_CLOSED,
  alert = TB_NOTE_ALERT,
  alert_resolved = TB_NOTE_ALERT_RESOLVED,
  daily_summary = TB_NOTE_DAILY_SUMMARY,
};

// One message, borrowed for the notify() call: copy what you queue. Strings the host left
// NULL are empty. `kind` and `level` may hold values this header does not name.
struct notification {
  note_kind kind = note_kind::message;
  severity level = severity::info;
  std::int64_t time_ms = 0;
  std::string_view key;         // stable id (alert key, trade id) for de-duplication
  std::string_view title;       // one line
  std::string_view body;        // plain text
  std::string_view fields_json; // JSON object of name -> value for rich rendering
};

class notifier : public plugin {
 public:
  notifier(::tb::sdk::host services, std::string instance_name)
      : plugin(services, std::move(instance_name)) {}

  // [any] Queue `note` for delivery; return once it is queued, not delivered.
  virtual void notify(const notification& note) = 0;

  // [control] Deliver what is queued, waiting until `until` at most; throw
  // error(TB_E_TIMEOUT, ...) when messages are still queued then. The default has nothing
  // to deliver.
  virtual void flush(deadline until) { static_cast<void>(until); }
};

}  // namespace tb::sdk
