#include "plugin_net/backoff.hpp"

#include <gtest/gtest.h>

namespace tb::net {
namespace {

using std::chrono::milliseconds;

TEST(backoff, grows_exponentially_up_to_the_cap_with_jitter_in_the_upper_half) {
  const backoff_policy policy{milliseconds(500), milliseconds(30000)};
  EXPECT_EQ(backoff_delay(policy, 0, 0), milliseconds(250));
  EXPECT_EQ(backoff_delay(policy, 0, 250), milliseconds(500));
  EXPECT_EQ(backoff_delay(policy, 3, 0), milliseconds(2000));
  for (std::uint64_t r : {0ull, 7ull, 123456789ull, ~0ull}) {
    for (unsigned attempt = 0; attempt < 40; ++attempt) {
      const auto delay = backoff_delay(policy, attempt, r);
      EXPECT_GE(delay, milliseconds(250));
      EXPECT_LE(delay, milliseconds(30000));
    }
  }
  EXPECT_GE(backoff_delay(policy, 40, 0), milliseconds(15000));
}

}  // namespace
}  // namespace tb::net
