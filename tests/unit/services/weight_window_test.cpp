#include "services/weight_window.hpp"

#include <gtest/gtest.h>

namespace tb::host {
namespace {

constexpr std::int64_t second = 1'000'000'000;

TEST(WeightWindow, CountsOnlyWhatIsInsideTheWindow) {
  weight_window w(60 * second);
  w.record(0, 10);
  w.record(30 * second, 5);
  EXPECT_EQ(w.used(59 * second), 15u);
  EXPECT_EQ(w.used(60 * second), 5u);  // the first record has left the window
  EXPECT_EQ(w.used(90 * second), 0u);
}

TEST(WeightWindow, FitsWhenEnoughWeightHasLeft) {
  weight_window w(60 * second);
  w.record(0, 8);
  w.record(10 * second, 8);
  EXPECT_EQ(w.fits_at(20 * second, 4, 20), 20 * second);  // 16 + 4 <= 20: now
  EXPECT_EQ(w.fits_at(20 * second, 5, 20), 60 * second);  // once the first 8 leave
  EXPECT_EQ(w.fits_at(20 * second, 13, 20), 70 * second);  // once both leave
  EXPECT_EQ(w.fits_at(20 * second, 30, 20), 70 * second);  // over the budget: an empty window
}

TEST(WeightWindow, ZeroWeightIsNotRecorded) {
  weight_window w(60 * second);
  w.record(0, 0);
  EXPECT_EQ(w.used(0), 0u);
  EXPECT_EQ(w.fits_at(0, 1, 1), 0);
}

}  // namespace
}  // namespace tb::host
