#include "services/data_config.hpp"

namespace tb::host {

data_service_config make_data_service_config(const data_settings& settings) {
  data_service_config c;
  c.batch_size = settings.batch_size;
  c.request_timeout = settings.request_timeout;
  c.cache_ttl = settings.cache_ttl;
  c.lookback = settings.lookback;
  c.universe.quote = settings.universe.quote;
  c.universe.include = settings.universe.include;
  c.universe.exclude = settings.universe.exclude;
  return c;
}

}  // namespace tb::host
