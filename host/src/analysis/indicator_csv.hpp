// Indicator results as CSV, the way the reference library's DataFrame.to_csv(index=False)
// writes them: a header of column names, one row per candle, an empty cell for NaN, float64
// cells as Python's repr ("34.0", "0.1", "1e-05"), float32 cells as the shortest text that
// reads back as the same float ("0.97345555"), int32 cells as plain integers.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tb::host {

enum class value_kind { float64, float32, int32 };

struct indicator_column {
  std::string name;
  value_kind kind = value_kind::float64;
  std::vector<double> values;  // float32 values are already rounded to float
};

std::string format_float64(double value);  // "" for NaN
std::string format_float32(double value);  // "" for NaN
void write_indicator_csv(std::ostream& out, const std::vector<indicator_column>& columns);

}  // namespace tb::host
