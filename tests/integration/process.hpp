#pragma once
// Runs a command line in a shell and captures what it prints, for end-to-end tests.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "temp_dir.hpp"

namespace tb::test {

struct process_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// `environment` entries are set for the child only.
process_result run_command(const std::string& command,
                           const std::vector<std::pair<std::string, std::string>>& environment = {});

std::string shell_quoted(const std::filesystem::path& path);

}  // namespace tb::test
