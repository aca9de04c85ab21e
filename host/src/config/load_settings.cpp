#include "config/load_settings.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <system_error>

#include "config/internal/reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/yaml_document.hpp"

namespace tb::host {
namespace {

using config_internal::reader;

diagnostic file_problem(const std::filesystem::path& path, std::string message) {
  diagnostic d;
  d.file = path.string();
  d.message = std::move(message);
  return d;
}

// The file's bytes, or a diagnostic naming the path and the reason.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     const std::filesystem::path& shown,
                                     std::vector<diagnostic>& out) {
  if (path.empty()) {
    out.push_back(file_problem(path, "no configuration file given; pass the path of a .yaml file"));
    return std::nullopt;
  }
  const std::string prefix = "cannot read the configuration file '" + shown.string() + "': ";
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    out.push_back(file_problem(path, prefix + "it is a directory; give the path of a .yaml file"));
    return std::nullopt;
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) {
    out.push_back(file_problem(path, prefix + std::strerror(errno)));
    return std::nullopt;
  }
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  if (std::ferror(file.get())) {
    out.push_back(file_problem(path, prefix + "a read error occurred"));
    return std::nullopt;
  }
  return text;
}

load_result finish(reader& r, const std::optional<YAML::Node>& root,
                   const std::filesystem::path& source, const std::filesystem::path& base_dir) {
  load_result result;
  std::optional<bot_settings> settings;
  if (root) {
    settings = config_internal::read_bot_settings(r, *root, base_dir);
    settings->source_file = source;
  }
  if (!r.has_errors()) result.settings = std::move(settings);
  result.diagnostics = r.take_diagnostics();
  return result;
}

}  // namespace

env_lookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

load_result load_settings(const std::filesystem::path& path) {
  return load_settings(path, process_environment());
}

load_result load_settings(const std::filesystem::path& path, const env_lookup& env) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
  if (ec) absolute = path;
  load_result result;
  const auto text = read_file(path, absolute, result.diagnostics);
  if (!text) return result;
  reader r(path.string(), env);
  const auto root = config_internal::parse_document(*text, r);
  return finish(r, root, absolute, absolute.parent_path());
}

load_result load_settings_text(std::string_view yaml, const std::string& file_name,
                               const std::filesystem::path& base_dir, const env_lookup& env) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::absolute(base_dir, ec).lexically_normal();
  if (ec) base = base_dir;
  reader r(file_name, env);
  const auto root = config_internal::parse_document(std::string(yaml), r);
  return finish(r, root, file_name, base);
}

}  // namespace tb::host
