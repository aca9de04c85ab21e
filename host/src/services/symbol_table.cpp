#include "services/symbol_table.hpp"

#include <stdexcept>

namespace tb::host {

std::uint32_t symbol_table::intern(std::string_view name) {
  std::lock_guard lock(mutex_);
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  names_.emplace_back(name);
  const auto id = static_cast<std::uint32_t>(names_.size());
  ids_.emplace(std::string(name), id);
  return id;
}

std::optional<std::uint32_t> symbol_table::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  return std::nullopt;
}

const std::string& symbol_table::name(std::uint32_t id) const {
  std::lock_guard lock(mutex_);
  if (id == 0 || id > names_.size()) {
    throw std::out_of_range("symbol_table: no symbol has id " + std::to_string(id));
  }
  return names_[id - 1];
}

std::size_t symbol_table::size() const {
  std::lock_guard lock(mutex_);
  return names_.size();
}

}  // namespace tb::host
