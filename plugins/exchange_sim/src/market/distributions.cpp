#include "market/distributions.hpp"

#include <cmath>

namespace tb::exchange_sim {

double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  if (p < p_low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  if (p > 1.0 - p_low) return -normal_quantile(1.0 - p);
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double unit_student_t4_quantile(double p) {
  // Shaw, "Sampling Student's T distribution", eq. for n = 4; variance of t4 is 2.
  const double alpha = 4.0 * p * (1.0 - p);
  const double root = std::sqrt(alpha);
  const double q = std::cos(std::acos(root) / 3.0) / root;
  const double t = 2.0 * std::sqrt(q - 1.0);
  return (p < 0.5 ? -t : t) * std::sqrt(0.5);
}

double exponential_quantile(double p) { return -std::log1p(-p); }

double volume_noise_quantile(double p) {
  constexpr double s = volume_noise_log_sd;
  return std::exp(s * normal_quantile(p) - 0.5 * s * s);
}

const quantile_table& unit_student_t4_table() {
  static const quantile_table table(unit_student_t4_quantile);
  return table;
}

const quantile_table& exponential_table() {
  static const quantile_table table(exponential_quantile);
  return table;
}

const quantile_table& volume_noise_table() {
  static const quantile_table table(volume_noise_quantile);
  return table;
}

}  // namespace tb::exchange_sim
