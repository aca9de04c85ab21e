// tb::sdk::indicators: the optional interface "tb.indicators/1" (ABI 1.1), indicators a plugin
// computes over a candle series on request (`tradingbot analyze`).
//
// It is a mix-in, not a kind: a plugin class of any kind also derives from it, publicly, and
// the TB_PLUGIN_* export macro then answers TB_IFACE_INDICATORS_V1 from get_interface as
// well as the kind's own interface.
//
//   class my_strategy final : public tb::sdk::strategy, public tb::sdk::indicators { ... };
//
// Both virtuals are [instance]: the host serializes them with the instance's other calls.
// Throw tb::sdk::error(TB_E_INVALID_ARGUMENT, "...") for an unknown indicator, an unknown
// parameter or a bad value, with a message that names it and says what is accepted; any other
// exception becomes TB_E_PLUGIN_FAULT.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tradingbot/sdk/series.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

// How a column's values are meant, and so how the host prints them (TB_VALUE_*).
enum class value_kind : std::int32_t {
  float64 = TB_VALUE_FLOAT64,  // any double
  float32 = TB_VALUE_FLOAT32,  // already rounded to float
  int32 = TB_VALUE_INT32,      // whole numbers
};

// One result column: one value per input candle, oldest first; NaN is "no value".
struct indicator_column {
  std::string name;
  value_kind kind = value_kind::float64;
  std::vector<double> values;
};

// Parameters as the user gave them: name -> text ("swing_length" -> "5"). Parse them yourself
// and reject names your indicator does not take.
using indicator_params = std::map<std::string, std::string>;

class indicators {
 public:
  virtual ~indicators() = default;

  // The names compute_indicator() accepts, in the order to list them. Names are non-empty
  // and contain no comma.
  virtual std::vector<std::string> indicator_names() = 0;

  // Computes one indicator over `candles` (borrowed until this returns; their symbol and
  // interval may be empty). Every returned column must hold exactly candles.size() values.
  virtual std::vector<indicator_column> compute_indicator(const std::string& name,
                                                          const indicator_params& params,
                                                          const series_view& candles) = 0;

 protected:
  indicators() = default;
  indicators(const indicators&) = default;
  indicators& operator=(const indicators&) = default;
};

}  // namespace tb::sdk
