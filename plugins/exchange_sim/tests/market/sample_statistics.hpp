// Small sample statistics for the realism tests.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace tb::exchange_sim::test {

inline double mean(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

inline double variance(const std::vector<double>& x) {
  const double m = mean(x);
  double s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size());
}

inline double autocorrelation(const std::vector<double>& x, std::size_t lag) {
  const double m = mean(x);
  double num = 0;
  double den = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    den += (x[i] - m) * (x[i] - m);
    if (i >= lag) num += (x[i] - m) * (x[i - lag] - m);
  }
  return num / den;
}

inline double excess_kurtosis(const std::vector<double>& x) {
  const double m = mean(x);
  double m2 = 0;
  double m4 = 0;
  for (double v : x) {
    const double d = (v - m) * (v - m);
    m2 += d;
    m4 += d * d;
  }
  m2 /= static_cast<double>(x.size());
  m4 /= static_cast<double>(x.size());
  return m4 / (m2 * m2) - 3.0;
}

inline double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean(x);
  const double my = mean(y);
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// Log returns of consecutive closes.
template <typename Candles>
std::vector<double> log_returns(const Candles& candles) {
  std::vector<double> r;
  r.reserve(candles.size());
  for (std::size_t i = 1; i < candles.size(); ++i) r.push_back(std::log(candles[i].close / candles[i - 1].close));
  return r;
}

// The variance of the sums of k consecutive returns over k times the variance of one:
// about 1 for a random walk, above 1 when moves persist (trends), below when they revert.
inline double variance_ratio(const std::vector<double>& r, std::size_t k) {
  std::vector<double> sums;
  for (std::size_t i = k; i <= r.size(); ++i) {
    double s = 0;
    for (std::size_t j = i - k; j < i; ++j) s += r[j];
    sums.push_back(s);
  }
  return variance(sums) / (static_cast<double>(k) * variance(r));
}

}  // namespace tb::exchange_sim::test
