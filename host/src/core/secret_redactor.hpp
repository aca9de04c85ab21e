#pragma once

#include <atomic>
#include <cstddef>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tb::host {

// Masks registered secrets (API keys, webhook tokens) in text, so they never reach a log.
//
// Secrets shorter than min_length are refused: masking "ab" everywhere would mangle logs
// while protecting nothing. Where two secrets overlap, the longer one is masked.
//
// Thread-safety: every member may be called from any thread, concurrently. With no secret
// registered, redact() is one atomic load.
class secret_redactor {
 public:
  static constexpr std::size_t min_length = 4;
  static constexpr std::string_view mask = "***";

  // False (and nothing registered) when shorter than min_length; true otherwise, including
  // when it was registered already.
  bool add(std::string secret);

  // Replaces every occurrence of every secret in `text` by mask and writes the result to
  // `out` (replacing its content, reusing its capacity). Returns false, leaving `out` alone,
  // when `text` holds no secret.
  bool redact(std::string_view text, std::string& out) const;
  std::string redacted(std::string_view text) const;

  std::size_t size() const noexcept { return count_.load(std::memory_order_acquire); }

 private:
  mutable std::shared_mutex mutex_;
  std::vector<std::string> secrets_;  // longest first; guarded by mutex_
  std::atomic<std::size_t> count_{0};
};

}  // namespace tb::host
