#pragma once

#include <tradingbot/tb_abi.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "plugin/plugin_instance.hpp"

namespace tb::host {

// What an exchange call came to: TB_OK, or a status with the plugin's own message (or, for a
// plugin that threw, the guard's message naming plugin, instance and call).
struct exchange_status {
  tb_status code = TB_OK;
  std::int32_t remote_code = 0;
  std::string message;

  bool ok() const noexcept { return code == TB_OK; }
  // "TB_E_TIMEOUT: fetch_candles BTCUSDT 1h: deadline passed"
  std::string describe() const;
};

struct candle_request {
  std::string symbol;
  std::string interval;
  std::int64_t start_ms = 0;  // 0: unbounded
  std::int64_t end_ms = 0;    // 0: unbounded
  std::uint32_t limit = 500;
};

// A typed, host-side view of one exchange plugin instance's tb_exchange_v1 table.
//
// Every call goes through the guard of plugin/plugin_call.hpp; an escaped exception becomes
// TB_E_PLUGIN_FAULT with the guard's message, so no call here throws a plugin_error. Output
// buffers are sized for the request and grown once to the reported count on
// TB_E_BUFFER_TOO_SMALL.
//
// Thread tags follow the ABI: list_symbols and fetch_candles are [worker] (call them from
// any thread, concurrently); subscribe/unsubscribe are [control]. The instance must outlive
// the client and stay started while calls run.
class exchange_client {
 public:
  // Throws std::invalid_argument when the instance offers no tb_exchange_v1 table, and
  // plugin_error (bad_interface) when the table is malformed.
  explicit exchange_client(const plugin_instance& instance);

  exchange_status list_symbols(std::int64_t deadline_ns, std::vector<tb_symbol_info>& out) const;
  // Replaces `out` with the candles, oldest first.
  exchange_status fetch_candles(const candle_request& request, std::int64_t deadline_ns,
                                std::vector<tb_candle>& out) const;
  exchange_status subscribe_candles(const std::vector<std::string>& symbols,
                                    const std::string& interval, const tb_market_sink& sink) const;
  exchange_status unsubscribe_candles(const std::vector<std::string>& symbols,
                                      const std::string& interval) const;

  const plugin_instance& instance() const noexcept { return instance_; }

 private:
  const plugin_instance& instance_;
  const tb_exchange_v1* table_;
  mutable std::atomic<std::size_t> symbols_hint_{1024};  // grows to the last count
};

}  // namespace tb::host
