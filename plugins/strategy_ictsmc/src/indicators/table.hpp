// An indicator's result: named columns of one value per candle, as the reference returns
// them. Every value is held as a double; NaN is "missing" (an empty CSV cell). A float32
// column holds values already rounded to float at the moment the reference stores them
// (exact in a double), and is printed as the shortest text that reads back as that float.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace tb::ictsmc {

enum class column_kind {
  float64,  // printed like Python's repr of a float64: "34.0", "1.1", "1e-05"
  float32,  // printed like numpy's float32 in to_csv: shortest float text, "0.97345555"
  int32,    // printed as a plain integer ("1", "0")
};

struct column {
  std::string name;
  column_kind kind = column_kind::float64;
  std::vector<double> values;
};

using table = std::vector<column>;

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// A float32 store: what numpy keeps when a double is assigned into a float32 array.
inline double as_float32(double value) { return static_cast<double>(static_cast<float>(value)); }

}  // namespace tb::ictsmc
