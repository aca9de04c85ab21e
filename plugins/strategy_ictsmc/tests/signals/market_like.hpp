// Candles shaped like a market, for the causality tests and the strategy benchmark: trending
// and ranging regimes, volatility that clusters, occasional jumps, prices on a 0.01 grid (so
// levels tie now and then).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>

#include "indicators/ohlcv.hpp"

namespace tb::ictsmc::testing {

// `n` candles of `step_ms` from `start_ms` (a multiple of every larger interval used).
inline ohlcv market_like(std::uint32_t seed, std::size_t n, std::int64_t start_ms = 1'704'067'200'000,
                         std::int64_t step_ms = 3'600'000) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> gauss;
  std::uniform_real_distribution<double> unit;
  const auto tick = [](double p) { return std::round(p * 100) / 100; };
  ohlcv out;
  out.reserve(n);
  double price = 100, vol = 0.006, drift = 0;
  std::size_t regime_left = 0;
  std::int64_t t = start_ms;
  for (std::size_t i = 0; i < n; ++i, t += step_ms) {
    if (regime_left-- == 0) {
      regime_left = 10 + rng() % 60;
      drift = (unit(rng) - 0.5) * 0.004;
    }
    vol = std::clamp(0.9 * vol + 0.1 * 0.006 * (1 + 2 * std::abs(gauss(rng))), 0.002, 0.03);
    const double open = tick(price);
    double high = open, low = open, p = open;
    for (int step = 0; step < 4; ++step) {
      p *= std::exp(drift / 4 + vol / 2 * gauss(rng) + (unit(rng) < 0.01 ? 6 * vol * gauss(rng) : 0));
      high = std::max(high, p);
      low = std::min(low, p);
    }
    const double close = tick(p);
    high = tick(high * (1 + vol * 0.3 * unit(rng)));
    low = tick(low * (1 - vol * 0.3 * unit(rng)));
    out.push_back(t, open, std::max({high, open, close}), std::min({low, open, close}), close,
                  1000 * unit(rng));
    price = close;
  }
  return out;
}

// Every `factor` candles make one of the longer interval; a last group of fewer is the
// longer candle still forming.
inline ohlcv group_candles(const ohlcv& c, std::size_t factor) {
  ohlcv out;
  for (std::size_t i = 0; i < c.size(); i += factor) {
    const std::size_t end = std::min(i + factor, c.size());
    double high = c.high[i], low = c.low[i], volume = 0;
    for (std::size_t k = i; k < end; ++k) {
      high = std::max(high, c.high[k]);
      low = std::min(low, c.low[k]);
      volume += c.volume[k];
    }
    out.push_back(c.time_ms[i], c.open[i], high, low, c.close[end - 1], volume);
  }
  return out;
}

}  // namespace tb::ictsmc::testing
