// The few distributions the market model draws from, as exact quantile functions and as
// shared lookup tables (built once, on first use, thread-safely).
#pragma once

#include "market/quantile_table.hpp"

namespace tb::exchange_sim {

// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
double normal_quantile(double p);

// Student-t with 4 degrees of freedom, scaled to unit variance (Shaw 2006 closed form).
// Four degrees of freedom give the power-law tails (tail index 4) seen in crypto returns.
double unit_student_t4_quantile(double p);

// Exponential with mean 1.
double exponential_quantile(double p);

// Log-normal with log-sd volume_noise_log_sd, scaled to mean 1: the minute volume noise.
inline constexpr double volume_noise_log_sd = 0.45;
double volume_noise_quantile(double p);

const quantile_table& unit_student_t4_table();
const quantile_table& exponential_table();
const quantile_table& volume_noise_table();

}  // namespace tb::exchange_sim
