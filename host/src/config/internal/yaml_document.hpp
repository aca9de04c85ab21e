// YAML text -> one document node, with syntax errors turned into diagnostics.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/internal/reader.hpp"

namespace tb::host::config_internal {

// The single document in `text` (a null node when there is none). Reports a syntax error
// at its position, or a second document, and returns nullopt then.
std::optional<YAML::Node> parse_document(const std::string& text, reader& r);

}  // namespace tb::host::config_internal
