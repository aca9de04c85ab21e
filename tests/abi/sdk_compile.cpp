// The SDK's C++ layer compiled under the standard this target sets (C++17 and C++20 builds,
// -Wall -Wextra -Wpedantic -Wshadow -Werror): one plugin of each kind, every thunk
// instantiated, then the exported descriptor checked at run time.
#include "tradingbot/sdk.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

class compile_strategy final : public tb::sdk::strategy {
 public:
  using tb::sdk::strategy::strategy;

 private:
  std::vector<tb::sdk::data_need> data_needs() override { return {{"1h", 50}}; }
  void on_scan(const tb::sdk::series_batch& batch, const tb::sdk::signal_sink& sink) override {
    for (const tb::sdk::series_view series : batch) {
      if (series.empty()) continue;
      const tb::sdk::candle& last = series.back();
      static_cast<void>(sink.emit(tb::sdk::signal_for(series, tb::sdk::side::long_)
                                      .entry(last.close)
                                      .stop_loss(last.low)
                                      .take_profit(last.high)
                                      .confidence(0.5)
                                      .reason("compile test")));
    }
  }
};

// A strategy that also offers "tb.indicators/1".
class compile_analyzer final : public tb::sdk::strategy, public tb::sdk::indicators {
 public:
  using tb::sdk::strategy::strategy;

 private:
  std::vector<tb::sdk::data_need> data_needs() override { return {}; }
  void on_scan(const tb::sdk::series_batch&, const tb::sdk::signal_sink&) override {}
  std::vector<std::string> indicator_names() override { return {"close"}; }
  std::vector<tb::sdk::indicator_column> compute_indicator(
      const std::string& name, const tb::sdk::indicator_params&,
      const tb::sdk::series_view& candles) override {
    tb::sdk::indicator_column column{name, tb::sdk::value_kind::float64, {}};
    for (const tb::sdk::candle& c : candles) column.values.push_back(c.close);
    return {column};
  }
};

class compile_exchange final : public tb::sdk::exchange {
 public:
  using tb::sdk::exchange::exchange;
};

class compile_notifier final : public tb::sdk::notifier {
 public:
  using tb::sdk::notifier::notifier;
  void notify(const tb::sdk::notification& note) override { host().info(note.title); }
};

}  // namespace

// Every member of the other kinds' thunk tables, compiled without exporting them.
template struct tb::sdk::detail::exchange_thunks<compile_exchange>;
template struct tb::sdk::detail::lifecycle_thunks<compile_exchange>;
template struct tb::sdk::detail::notifier_thunks<compile_notifier>;
template struct tb::sdk::detail::lifecycle_thunks<compile_notifier>;
template struct tb::sdk::detail::indicators_thunks<compile_analyzer>;
template struct tb::sdk::detail::lifecycle_thunks<compile_analyzer>;
static_assert(tb::sdk::detail::optional_indicators<compile_analyzer>::offered, "offered");
static_assert(!tb::sdk::detail::optional_indicators<compile_strategy>::offered, "not offered");

TB_PLUGIN_STRATEGY(compile_strategy, "sdk_compile", "1.2.3", "The SDK compile test");

int main() {
  const tb_plugin_descriptor* d = tb_plugin_entry_v1();
  const std::string build_info = d->build_info;
  const std::string standard = "C++ " + std::to_string(__cplusplus) + "L";
  const bool ok = d->struct_size == sizeof(tb_plugin_descriptor) &&
                  d->abi_major == TB_ABI_MAJOR && d->kind == TB_KIND_STRATEGY &&
                  std::strcmp(d->id, "sdk_compile") == 0 &&
                  std::strcmp(d->version, "1.2.3") == 0 &&
                  build_info.find(standard) != std::string::npos &&
                  build_info.find("TradingBot SDK " TB_SDK_VERSION_STRING) != std::string::npos &&
                  d->get_interface(nullptr, TB_IFACE_STRATEGY_V1) != nullptr &&
                  d->get_interface(nullptr, TB_IFACE_EXCHANGE_V1) == nullptr &&
                  d->get_interface(nullptr, TB_IFACE_INDICATORS_V1) == nullptr;
  std::printf("%s: %s [%s]\n", ok ? "OK" : "FAILED", d->id, d->build_info);
  return ok ? 0 : 1;
}
