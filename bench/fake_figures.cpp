#include "fake_figures.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "services/data_service.hpp"

namespace tb::bench {
namespace {

std::uint64_t klines_weight_of(const std::string& query) {
  std::uint32_t limit = 500;  // Binance's default
  const auto at = query.find("limit=");
  if (at != std::string::npos) limit = static_cast<std::uint32_t>(std::stoul(query.substr(at + 6)));
  return tb::host::data_service::klines_weight(limit);
}

}  // namespace

double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

fake_view read_fake(fake_exchange& fake) {
  fake_view v;
  for (const auto& r : fake.admin("GET", "/_admin/requests")) {
    const int status = r.value("status", 0);
    v.max_used_1m = std::max<std::int64_t>(v.max_used_1m, r.value("usedWeight", std::int64_t{0}));
    if (r.value("path", std::string()) != "/fapi/v1/klines") {
      ++v.other_paths;
      continue;
    }
    ++v.requests;
    if (status == 429) ++v.status_429;
    else if (status == 418) ++v.status_418;
    else if (status != 200) ++v.other_errors;
    if (status == 200) v.weight += klines_weight_of(r.value("query", std::string()));
  }
  return v;
}

}  // namespace tb::bench
