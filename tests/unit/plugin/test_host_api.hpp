#pragma once

// A minimal tb_host_api for plugin tests: logging goes to a vector, clocks are real, every
// other service answers TB_E_UNSUPPORTED (or does nothing). The real table comes from the
// app's host_api_table.

#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace tb::host::testing {

struct log_line {
  std::int32_t level;
  std::string text;
};

class test_host {
 public:
  test_host();
  test_host(const test_host&) = delete;
  test_host& operator=(const test_host&) = delete;

  const tb_host_api* api() const noexcept { return &api_; }
  std::vector<log_line> lines() const;
  // True when some logged line contains text.
  bool logged(const std::string& text) const;

 private:
  static void log(void* ctx, std::int32_t level, const char* message, std::size_t length);

  tb_host_api api_{};
  mutable std::mutex mutex_;
  std::vector<log_line> lines_;
};

}  // namespace tb::host::testing
