#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tb::host {

// Interns symbol names into ids that stay the same for the life of the process
// (tb_series.symbol_id, tb_signal.symbol_id). Ids start at 1; 0 is never an id. The name
// behind an id never moves, so its c_str() may be handed across the ABI.
//
// Thread-safety: every member may be called from any thread, concurrently.
class symbol_table {
 public:
  std::uint32_t intern(std::string_view name);
  std::optional<std::uint32_t> find(std::string_view name) const;
  // The name of an id this table handed out; throws std::out_of_range otherwise.
  const std::string& name(std::uint32_t id) const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::deque<std::string> names_;  // index id - 1; a deque never moves its elements
  // Hashed, and looked up by string_view without building a string: every pushed candle asks.
  struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept {
      return std::hash<std::string_view>{}(name);
    }
  };
  std::unordered_map<std::string, std::uint32_t, name_hash, std::equal_to<>> ids_;
};

}  // namespace tb::host
