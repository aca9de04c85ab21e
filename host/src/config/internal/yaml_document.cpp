#include "config/internal/yaml_document.hpp"

#include <string_view>
#include <vector>

namespace tb::host::config_internal {

namespace {

std::string_view line_at(const std::string& text, int line) {
  std::size_t start = 0;
  for (int i = 0; i < line && start != std::string::npos; ++i) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (line < 0 || start == std::string::npos) return {};
  const std::size_t end = text.find('\n', start);
  return std::string_view(text).substr(start, end == std::string::npos ? end : end - start);
}

}  // namespace

std::optional<YAML::Node> parse_document(const std::string& text, reader& r) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    std::string message = "YAML syntax error: " + e.msg;
    // `key: ${VAR}` is fine in a block, but inside [ ] or { } the braces end the collection.
    if (line_at(text, e.mark.line).find("${") != std::string_view::npos) {
      message += " (inside [ ] or { }, put ${VAR} in quotes: \"${VAR}\")";
    }
    r.error(e.mark, std::move(message));
    return std::nullopt;
  }
  if (documents.size() > 1) {
    r.error(documents[1].Mark(), "the file holds " + std::to_string(documents.size()) +
                                     " YAML documents (separated by '---'); put every setting "
                                     "in one");
    return std::nullopt;
  }
  return documents.empty() ? YAML::Node() : documents.front();
}

}  // namespace tb::host::config_internal
