// One problem found in a configuration file, positioned like a compiler message.
#pragma once

#include <string>

namespace tb::host {

enum class diagnostic_severity {
  error,    // the file cannot be used; load_settings returns no settings
  warning,  // the file is usable, but probably not what the user meant
};

struct diagnostic {
  std::string file;  // the path as the caller gave it
  int line = 0;      // 1-based; 0 when the problem is the whole file (missing, unreadable)
  int column = 0;    // 1-based; 0 with line 0
  diagnostic_severity severity = diagnostic_severity::error;
  // What is wrong, where in the settings ("logging.level: ..."), and what is allowed. Never
  // holds a value that came from the environment.
  std::string message;
};

// "file:line:column: error: message", or "file: error: message" when line is 0.
std::string format_diagnostic(const diagnostic& d);

}  // namespace tb::host
