// Reconnect delays: exponential from `base` up to `cap`, with jitter (the upper half of the
// window is random) so many connections do not reconnect in step.
#pragma once

#include <chrono>
#include <cstdint>

namespace tb::net {

struct backoff_policy {
  std::chrono::milliseconds base{500};
  std::chrono::milliseconds cap{30'000};
};

// The delay before reconnect attempt `attempt` (0 = first), given a random draw.
std::chrono::milliseconds backoff_delay(const backoff_policy& policy, unsigned attempt,
                                        std::uint64_t random) noexcept;

// A random draw for jitter and ids: each thread has its own generator, seeded once.
std::uint64_t random_draw();

}  // namespace tb::net
