#include "core/secret_redactor.hpp"

#include <algorithm>
#include <mutex>

namespace tb::host {

bool secret_redactor::add(std::string secret) {
  if (secret.size() < min_length) return false;
  std::unique_lock<std::shared_mutex> guard(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return true;
  const auto at = std::find_if(secrets_.begin(), secrets_.end(),
                               [&](const std::string& s) { return s.size() < secret.size(); });
  secrets_.insert(at, std::move(secret));
  count_.store(secrets_.size(), std::memory_order_release);
  return true;
}

bool secret_redactor::redact(std::string_view text, std::string& out) const {
  if (size() == 0) return false;
  std::shared_lock<std::shared_mutex> guard(mutex_);
  // Most lines hold no secret: find that out without copying anything.
  const bool any = std::any_of(secrets_.begin(), secrets_.end(), [&](const std::string& s) {
    return text.find(s) != std::string_view::npos;
  });
  if (!any) return false;
  out.clear();
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::string_view rest = text.substr(pos);
    const auto hit = std::find_if(secrets_.begin(), secrets_.end(),
                                  [&](const std::string& s) { return rest.starts_with(s); });
    if (hit != secrets_.end()) {
      out += mask;
      pos += hit->size();
    } else {
      out += text[pos++];
    }
  }
  return true;
}

std::string secret_redactor::redacted(std::string_view text) const {
  std::string out;
  if (!redact(text, out)) out.assign(text);
  return out;
}

}  // namespace tb::host
