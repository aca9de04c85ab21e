#pragma once
// What a fake's parse_options answers: its options, or what to print and the exit code.
#include <optional>
#include <string>

namespace tb::fake_common {

template <class Options>
struct parse_result {
  std::optional<Options> options;  // empty: print `message` and exit with `exit_code`
  std::string message;
  int exit_code = 0;
};

}  // namespace tb::fake_common
