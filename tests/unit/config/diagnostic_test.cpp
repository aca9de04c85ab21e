#include "config/diagnostic.hpp"

#include <gtest/gtest.h>

namespace tb::host {
namespace {

TEST(FormatDiagnostic, ErrorWithPosition) {
  const diagnostic d{"config/live.yaml", 12, 7, diagnostic_severity::error, "logging.level: bad"};
  EXPECT_EQ(format_diagnostic(d), "config/live.yaml:12:7: error: logging.level: bad");
}

TEST(FormatDiagnostic, WarningWithPosition) {
  const diagnostic d{"a.yaml", 1, 1, diagnostic_severity::warning, "careful"};
  EXPECT_EQ(format_diagnostic(d), "a.yaml:1:1: warning: careful");
}

TEST(FormatDiagnostic, WholeFileProblemHasNoPosition) {
  const diagnostic d{"missing.yaml", 0, 0, diagnostic_severity::error, "cannot read"};
  EXPECT_EQ(format_diagnostic(d), "missing.yaml: error: cannot read");
}

}  // namespace
}  // namespace tb::host
