#include "app/indicator_client.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>

#include "plugin/plugin_call.hpp"
#include "plugin/plugin_error.hpp"

namespace tb::host {
namespace {

// The candle file's columns as the tb_candle array a tb_series lends. A candle closes a
// millisecond before the next one opens; the last one lasts as long as the one before it.
std::vector<tb_candle> to_candles(const candle_files::candle_columns& in) {
  std::vector<tb_candle> out(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    tb_candle& c = out[i];
    c.open_time_ms = in.time_ms[i];
    if (i + 1 < in.size()) {
      c.close_time_ms = in.time_ms[i + 1] - 1;
    } else {
      const std::int64_t length = i > 0 ? in.time_ms[i] - in.time_ms[i - 1] : 1;
      c.close_time_ms = in.time_ms[i] + length - 1;
    }
    c.open = in.open[i];
    c.high = in.high[i];
    c.low = in.low[i];
    c.close = in.close[i];
    c.volume = in.volume[i];
    c.flags = TB_CANDLE_CLOSED;
  }
  return out;
}

value_kind to_value_kind(std::int32_t kind) noexcept {
  switch (kind) {
    case TB_VALUE_FLOAT32: return value_kind::float32;
    case TB_VALUE_INT32: return value_kind::int32;
    default: return value_kind::float64;  // TB_VALUE_FLOAT64 and kinds this host does not know
  }
}

// The host-owned sink: copies each column, or records why it cannot.
struct column_collector {
  std::size_t expected_count = 0;
  std::vector<indicator_column> columns;
  std::string problem;

  static tb_status take(void* ctx, const tb_indicator_column* column) noexcept {
    auto& self = *static_cast<column_collector*>(ctx);
    try {
      if (column == nullptr || !TB_HAS(column, tb_indicator_column, count)) {
        self.problem = "handed a column that is NULL or smaller than its ABI 1.1 struct";
      } else if (column->name == nullptr || column->name[0] == '\0') {
        self.problem = "handed a column without a name";
      } else if (column->count != self.expected_count ||
                 (column->count > 0 && column->values == nullptr)) {
        self.problem = "handed column \"" + std::string(column->name) + "\" with " +
                       std::to_string(column->count) + " values for " +
                       std::to_string(self.expected_count) + " candles";
      } else {
        indicator_column copy;
        copy.name = column->name;
        copy.kind = to_value_kind(column->kind);
        copy.values.assign(column->values, column->values + column->count);
        self.columns.push_back(std::move(copy));
        return TB_OK;
      }
      return TB_E_INVALID_ARGUMENT;
    } catch (const std::exception& e) {
      self.problem = std::string("could not copy a column: ") + e.what();
      return TB_E_INTERNAL;
    }
  }
};

}  // namespace

std::optional<indicator_client> indicator_client::of(const plugin_instance& instance) {
  const auto* table = instance.interface<tb_indicators_v1>();
  if (table == nullptr) return std::nullopt;
  return indicator_client(instance, *table);
}

std::vector<indicator_column> indicator_client::compute(
    const std::string& name, const std::vector<indicator_parameter>& params,
    const candle_files::candle_columns& candles) const {
  const std::vector<tb_candle> data = to_candles(candles);
  tb_series series{};
  series.struct_size = sizeof series;
  series.symbol = "";
  series.interval = "";
  series.candle_stride = sizeof(tb_candle);
  series.count = data.size();
  series.candles = data.data();

  std::vector<const char*> param_names, param_values;
  for (const auto& [key, value] : params) {
    param_names.push_back(key.c_str());
    param_values.push_back(value.c_str());
  }

  column_collector collector;
  collector.expected_count = data.size();
  tb_indicator_sink sink{};
  sink.struct_size = sizeof sink;
  sink.ctx = &collector;
  sink.column = &column_collector::take;

  const call_site site = instance_->site("indicators.compute()");
  tb_error err{};
  const tb_status status = status_call(site, err, [&](tb_error* e) {
    return table_->compute(instance_->self(), name.c_str(), param_names.data(),
                           param_values.data(), params.size(), &series, &sink, e);
  });
  if (!collector.problem.empty()) {
    throw plugin_error(plugin_errc::call_failed, instance_->info().path,
                       describe_site(site) + ": indicators.compute() " + collector.problem);
  }
  if (status == TB_E_INVALID_ARGUMENT) throw indicator_request_error(error_text(err));
  if (status != TB_OK) throw_call_failed(site, status, err);
  return std::move(collector.columns);
}

}  // namespace tb::host
