#pragma once
// Discord counts lengths in characters (code points), after trimming surrounding whitespace.
#include <cstddef>
#include <string>

namespace tb::fake_discord {

std::size_t utf8_length(const std::string& text);
std::string trim_whitespace(const std::string& text);
// Length in code points after trimming, the figure Discord's limits apply to.
std::size_t trimmed_length(const std::string& text);

}  // namespace tb::fake_discord
