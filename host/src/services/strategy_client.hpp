#pragma once

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/plugin_instance.hpp"
#include "services/trade_signal.hpp"

namespace tb::host {

// What a strategy call came to: TB_OK, or a status with a message that names the strategy
// and its instance (the plugin's own message, or the guard's for a plugin that threw).
struct strategy_status {
  tb_status code = TB_OK;
  std::string message;

  bool ok() const noexcept { return code == TB_OK; }
  // "TB_E_PLUGIN_FAULT: strategy 'smc' instance 'smc#1': on_scan(): ..."
  std::string describe() const;
};

// A tb_signal the host refused: who emitted it, for which symbol, and why.
struct invalid_signal {
  std::string strategy;
  std::string symbol;  // as the plugin gave it ("?" when it gave none)
  std::string problem;
};

// One on_scan call. When status is not ok, signals is empty: what the sink received before
// the failure is discarded, as for tb.indicators/1.
struct scan_output {
  strategy_status status;
  std::vector<trade_signal> signals;
  std::vector<invalid_signal> invalid;
};

// A typed, host-side view of one strategy plugin instance's tb_strategy_v1 table, as
// exchange_client is for exchanges.
//
// Every call goes through the guard of plugin/plugin_call.hpp; an escaped exception becomes
// TB_E_PLUGIN_FAULT with the guard's message, so no call here throws a plugin_error.
//
// on_scan() hands the plugin a host-owned tb_signal_sink that checks every signal
// (signal_problem(), and that its symbol_id is one of the series scanned) and copies the
// valid ones into trade_signal values named after the symbol the host knows for that id; an
// invalid one is answered TB_E_INVALID_ARGUMENT (the SDK calls this a refusal, not a
// strategy failure) and recorded in scan_output::invalid.
//
// Thread tags follow the ABI: every call is [instance], so the caller must not call one
// client (or two clients of the same instance) from two threads at once. The instance must
// outlive the client and stay started while calls run.
class strategy_client {
 public:
  // `strategy` is the name used in results and messages (the configured strategy name).
  // Throws std::invalid_argument when the instance offers no tb_strategy_v1 table, and
  // plugin_error (bad_interface) when the table is malformed.
  strategy_client(const plugin_instance& instance, std::string strategy);

  // Replaces `out` with the plugin's data needs.
  strategy_status data_needs(std::vector<tb_data_need>& out) const;
  scan_output on_scan(std::span<const tb_series> series) const;

  // Hot-reload hand-over. save_state() replaces `out` with the instance's state blob, asking
  // again with a larger buffer when the plugin answers TB_E_BUFFER_TOO_SMALL (a blob larger
  // than max_state_bytes is refused); load_state() gives a blob to a fresh instance.
  strategy_status save_state(std::string& out) const;
  strategy_status load_state(std::string_view state) const;
  static constexpr std::size_t max_state_bytes = 64u << 20;

  const std::string& strategy() const noexcept { return strategy_; }
  const plugin_instance& instance() const noexcept { return instance_; }

 private:
  const plugin_instance& instance_;
  const tb_strategy_v1* table_;
  std::string strategy_;
};

}  // namespace tb::host
