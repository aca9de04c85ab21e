// The kill-zone filter: ICT's session windows in which signals may be taken, as the
// reference library defines them (UTC, both ends inclusive, to the minute).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::ictsmc {

class kill_zones {
 public:
  // Ids: asian, london_open, new_york, london_close. No id: every time passes. Throws
  // std::invalid_argument naming an unknown id and the known ones.
  explicit kill_zones(const std::vector<std::string>& ids);

  bool any_time() const noexcept { return zones_.empty(); }
  // The id of the zone that `time_ms` (UTC) falls in; empty when none does (or any_time()).
  std::string_view zone_at(std::int64_t time_ms) const noexcept;

 private:
  struct zone {
    std::string id;
    int start = 0;  // minutes after midnight UTC
    int end = 0;
  };
  std::vector<zone> zones_;
};

}  // namespace tb::ictsmc
