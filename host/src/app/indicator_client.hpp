#pragma once
// A typed, host-side view of a plugin instance's optional tb_indicators_v1 table
// ("tb.indicators/1", ABI 1.1): one indicator computed over a candle series. The call goes
// through the guard of plugin/plugin_call.hpp.
#include <tradingbot/tb_abi.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "analysis/indicator_csv.hpp"
#include "candle_files/candle_file.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {

// The plugin refused a request as malformed (TB_E_INVALID_ARGUMENT): an unknown indicator or
// parameter, or a bad value. what() is the plugin's own message.
class indicator_request_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using indicator_parameter = std::pair<std::string, std::string>;  // name, value as text

class indicator_client {
 public:
  // The client of `instance`, which must outlive it; nullopt when the plugin does not offer
  // the interface. Throws plugin_error (bad_interface) for a malformed table.
  static std::optional<indicator_client> of(const plugin_instance& instance);

  // One indicator over `candles` (times strictly increasing); every column has
  // candles.size() values. Throws indicator_request_error when the plugin answers
  // TB_E_INVALID_ARGUMENT, and plugin_error for any other failure or for a column the host
  // cannot take (no name, the wrong number of values).
  std::vector<indicator_column> compute(const std::string& name,
                                        const std::vector<indicator_parameter>& params,
                                        const candle_files::candle_columns& candles) const;

 private:
  indicator_client(const plugin_instance& instance, const tb_indicators_v1& table) noexcept
      : instance_(&instance), table_(&table) {}

  const plugin_instance* instance_;
  const tb_indicators_v1* table_;
};

}  // namespace tb::host
