#include "services/data_metrics.hpp"

namespace tb::host {

data_metrics::data_metrics(metrics_registry* r) : registry(r) {
  if (r == nullptr) return;
  const char* requests_help = "Candle requests made to the exchange plugin, by result";
  requests_ok = r->register_counter("tb_data_requests_total", requests_help, {{"result", "ok"}});
  requests_failed =
      r->register_counter("tb_data_requests_total", requests_help, {{"result", "failed"}});
  cache_hits = r->register_counter("tb_data_cache_hits_total",
                                   "Candle requests answered by the host cache");
  weight = r->register_counter("tb_data_request_weight_total",
                               "Estimated exchange request weight of candle requests");
  candles_pushed = r->register_counter("tb_data_candles_pushed_total",
                                       "Candles received from websocket streams");
  gaps = r->register_counter("tb_data_gaps_total", "Holes detected in candle series");
  stream_disconnects = r->register_counter("tb_data_stream_disconnects_total",
                                           "Candle stream disconnections reported by the plugin");
  fetch_seconds = r->register_histogram("tb_data_fetch_seconds",
                                        "Duration of one candle request to the exchange plugin");
}

gauge data_metrics::stale_symbols(const std::string& interval) const {
  if (registry == nullptr) return {};
  return registry->register_gauge("tb_data_stale_symbols",
                                  "Symbols whose newest closed candle is behind, by interval",
                                  {{"interval", interval}});
}

gauge data_metrics::failed_symbols(const std::string& interval) const {
  if (registry == nullptr) return {};
  return registry->register_gauge("tb_data_failed_symbols",
                                  "Symbols whose last candle fetch failed, by interval",
                                  {{"interval", interval}});
}

}  // namespace tb::host
