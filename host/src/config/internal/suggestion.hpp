// "did you mean ...?" for misspelt keys and enum values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::host::config_internal {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1. Case is compared as written.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` (ignoring case), if it is close enough to be a plausible
// typo: at most a third of the candidate's length, and at least 1, edits away.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

}  // namespace tb::host::config_internal
