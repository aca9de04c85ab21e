#pragma once
// Faults armed through /_control/rest/*: the next N answers replaced by an error status or a
// 429, and a delay before every answer.
#include <cstdint>
#include <mutex>
#include <optional>

#include "rest/rest_types.hpp"

namespace tb::fake_discord {

class rest_faults {
 public:
  void fail_next(std::int64_t count, int status);
  void rate_limit_next(std::int64_t count, double retry_after_s, bool global);
  void set_delay_ms(std::int64_t ms);
  std::int64_t delay_ms() const;
  // The forced answer for this request, if one is armed (consumes it).
  std::optional<rest_response> take();

 private:
  mutable std::mutex mutex_;
  std::int64_t fail_count_ = 0;
  int fail_status_ = 500;
  std::int64_t limit_count_ = 0;
  double limit_retry_after_ = 0.3;
  bool limit_global_ = false;
  std::int64_t delay_ms_ = 0;
};

}  // namespace tb::fake_discord
