#include "rest/rest_faults.hpp"

#include <boost/beast/http/status.hpp>

#include "rest/api_error.hpp"
#include "rest/rate_limiter.hpp"

namespace tb::fake_discord {

void rest_faults::fail_next(std::int64_t count, int status) {
  std::lock_guard lock(mutex_);
  fail_count_ = count;
  fail_status_ = status;
}

void rest_faults::rate_limit_next(std::int64_t count, double retry_after_s, bool global) {
  std::lock_guard lock(mutex_);
  limit_count_ = count;
  limit_retry_after_ = retry_after_s;
  limit_global_ = global;
}

void rest_faults::set_delay_ms(std::int64_t ms) {
  std::lock_guard lock(mutex_);
  delay_ms_ = ms;
}

std::int64_t rest_faults::delay_ms() const {
  std::lock_guard lock(mutex_);
  return delay_ms_;
}

std::optional<rest_response> rest_faults::take() {
  std::lock_guard lock(mutex_);
  if (limit_count_ > 0) {
    --limit_count_;
    std::optional<bucket_state> state;
    if (!limit_global_) {
      const auto ms = static_cast<std::int64_t>(limit_retry_after_ * 1000.0);
      state = bucket_state{1, 0, ms, bucket_hash("forced")};
    }
    return too_many_requests(limit_retry_after_, limit_global_, state);
  }
  if (fail_count_ > 0) {
    --fail_count_;
    const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(fail_status_));
    return api_error(fail_status_, 0, std::to_string(fail_status_) + ": " + std::string(reason));
  }
  return std::nullopt;
}

}  // namespace tb::fake_discord
