// A price or quantity grid (tick size, step size): values are held as integer counts of the
// increment and turned back into the nearest double. When the increment is 10^-k the
// conversion divides by the exact integer 10^k, which gives the double closest to the decimal
// (0.1 * 3 would give 0.30000000000000004; 3 / 10.0 gives 0.3).
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace tb::exchange_sim {

class price_grid {
 public:
  price_grid() = default;
  explicit price_grid(double increment) : increment_(increment) {
    if (!(increment > 0) || !std::isfinite(increment)) {
      throw std::invalid_argument("price_grid: increment must be positive and finite, got " +
                                  std::to_string(increment));
    }
    const double inverse = std::round(1.0 / increment);
    divide_ = inverse >= 1 && std::fabs(inverse * increment - 1.0) < 1e-12;
    inverse_ = divide_ ? inverse : 1.0 / increment;
  }

  double increment() const noexcept { return increment_; }

  // Nearest count of increments to a positive value, at least `minimum`.
  std::int64_t to_units(double value, std::int64_t minimum = 1) const noexcept {
    const auto units = static_cast<std::int64_t>(value * inverse_ + 0.5);
    return units < minimum ? minimum : units;
  }

  double to_value(std::int64_t units) const noexcept {
    return divide_ ? static_cast<double>(units) / inverse_ : static_cast<double>(units) * increment_;
  }

 private:
  double increment_ = 1.0;
  double inverse_ = 1.0;
  bool divide_ = true;
};

}  // namespace tb::exchange_sim
