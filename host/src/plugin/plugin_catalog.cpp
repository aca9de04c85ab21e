#include "plugin/plugin_catalog.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <system_error>

#include "plugin/plugin_library.hpp"

namespace tb::host {

namespace fs = std::filesystem;

catalog_entry inspect_plugin(const fs::path& file) {
  catalog_entry entry;
  entry.path = file;
  try {
    entry.info = plugin_library::open(file)->info();
    entry.path = entry.info->path;
  } catch (const plugin_error& e) {
    entry.error = e.code();
    entry.problem = e.what();
  }
  return entry;
}

namespace {

// The *.so files directly in directory, sorted; a note when it cannot be read.
std::vector<fs::path> plugin_files(const fs::path& directory, std::vector<std::string>& notes) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    notes.push_back(directory.string() + ": no such directory");
    return files;
  }
  fs::directory_iterator it(directory, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".so") files.push_back(it->path());
  }
  if (ec) notes.push_back(directory.string() + ": cannot be read: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

plugin_catalog list_plugins(std::span<const fs::path> directories) {
  plugin_catalog catalog;
  std::map<std::string, fs::path> first_by_name;
  for (const fs::path& directory : directories) {
    catalog.directories.push_back(directory);
    for (const fs::path& file : plugin_files(directory, catalog.notes)) {
      catalog_entry entry = inspect_plugin(file);
      const auto [it, inserted] = first_by_name.emplace(file.filename().string(), file);
      if (!inserted) entry.shadowed_by = it->second;
      catalog.entries.push_back(std::move(entry));
    }
  }
  return catalog;
}

void print_catalog(std::ostream& out, const plugin_catalog& catalog) {
  out << "Plugin directories, searched in this order:\n";
  for (const fs::path& d : catalog.directories) out << "  " << d.string() << "\n";
  for (const std::string& note : catalog.notes) out << "note: " << note << "\n";
  if (catalog.entries.empty()) out << "No plugin files (*.so) found.\n";
  for (const catalog_entry& e : catalog.entries) {
    out << "\n";
    if (e.info) {
      const plugin_info& i = *e.info;
      out << i.id << "  " << kind_name(i.kind) << "  " << i.version << "  ABI " << i.abi_major
          << "." << i.abi_minor << "  OK\n";
      if (!i.description.empty()) out << "  " << i.description << "\n";
      out << "  file:  " << i.path.string() << "\n";
      out << "  build: " << (i.build_info.empty() ? "(not given)" : i.build_info) << "\n";
    } else {
      out << e.path.filename().string() << "  FAILED (" << to_string(*e.error) << ")\n";
      out << "  " << e.problem << "\n";
    }
    if (!e.shadowed_by.empty()) {
      out << "  not used: " << e.shadowed_by.string() << " comes first in the search order\n";
    }
  }
}

}  // namespace tb::host
