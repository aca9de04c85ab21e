#include <map>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

constexpr std::string_view bucket_name_rule =
    "a bucket name: letters, digits, '_', '.' and '-' (like binance.ip_weight)";

bool read_bucket(reader& r, const field& f, std::map<std::string, int>& seen,
                 rate_limit_bucket& bucket) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  map_reader entry(r, f);
  if (!entry.is_map()) return false;
  entry.allow_only({"name", "capacity", "interval", "critical_reserve"});
  bool ok = true;
  if (auto v = entry.require("name", bucket_name_rule)) {
    const auto name = read_name(r, *v, bucket_name_rule, is_object_name, bucket.name);
    ok = name.has_value();
    if (ok) {
      const int line = v->value.Mark().line + 1;
      const auto [it, fresh] = seen.emplace(bucket.name, line);
      if (!fresh) {
        r.error(v->value.Mark(), v->path + ": duplicate bucket name " + name->shown() +
                                     " (first used at line " + std::to_string(it->second) + ")");
        ok = false;
      }
    }
  } else {
    ok = false;
  }
  if (auto v = entry.require("capacity", "an integer from 1 to 1000000")) {
    ok = read_integer<std::uint32_t>(r, *v, 1, 1'000'000, bucket.capacity) && ok;
  } else {
    ok = false;
  }
  if (auto v = entry.require("interval", "a duration from 100ms to 24h")) {
    ok = read_duration(r, *v, milliseconds{100}, hours{24}, bucket.interval) && ok;
  } else {
    ok = false;
  }
  if (auto v = entry.get("critical_reserve")) {
    ok = read_number(r, *v, 0.0, 0.9, bucket.critical_reserve) && ok;
  }
  return ok;
}

}  // namespace

void read_rate_limits(reader& r, const field& f, std::vector<rate_limit_bucket>& out) {
  auto items = read_list(r, f, "rate-limit buckets");
  if (!items) return;
  out.clear();
  std::map<std::string, int> seen;
  for (const field& item : *items) {
    rate_limit_bucket bucket;
    if (read_bucket(r, item, seen, bucket)) out.push_back(std::move(bucket));
  }
  if (items->empty()) {
    r.warning(f.key_mark, f.path +
                              ": no buckets; plugins asking for a bucket by name will "
                              "get TB_E_NOT_FOUND. Remove the key to use the Binance defaults");
  }
}

}  // namespace tb::host::config_internal
