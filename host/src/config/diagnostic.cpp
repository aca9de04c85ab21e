#include "config/diagnostic.hpp"

namespace tb::host {

std::string format_diagnostic(const diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
  }
  out += d.severity == diagnostic_severity::error ? ": error: " : ": warning: ";
  out += d.message;
  return out;
}

}  // namespace tb::host
