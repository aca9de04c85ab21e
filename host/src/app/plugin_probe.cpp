#include "app/plugin_probe.hpp"

#include <vector>

#include "plugin/plugin_call.hpp"
#include "plugin/plugin_error.hpp"

namespace tb::host {
namespace {

probe_result from_status(tb_status status, const tb_error& err, std::string ok_detail) {
  probe_result result;
  result.ok = status == TB_OK;
  result.not_supported = status == TB_E_UNSUPPORTED;
  if (result.ok) {
    result.detail = std::move(ok_detail);
  } else {
    const std::string message = error_text(err);
    result.detail = std::string(result.not_supported ? "not supported yet" : tb_status_name(status)) +
                    (message.empty() ? "" : ": " + message);
  }
  return result;
}

probe_result probe_strategy(const plugin_instance& instance) {
  const auto* iface = instance.interface<tb_strategy_v1>();
  std::vector<tb_data_need> needs(16);
  for (auto& need : needs) need.struct_size = sizeof(tb_data_need);
  size_t count = 0;
  tb_error err{};
  const tb_status status = status_call(instance.site("data_needs()"), err, [&](tb_error* e) {
    return iface->data_needs(instance.self(), needs.data(), needs.size(), &count, e);
  });
  std::string detail = "ready; needs";
  for (size_t i = 0; i < count && i < needs.size(); ++i) {
    detail += (i == 0 ? " " : ", ") + std::string(needs[i].interval) + " x " +
              std::to_string(needs[i].lookback);
  }
  if (count == 0) detail = "ready; needs no candles";
  return from_status(status, err, detail);
}

probe_result probe_exchange(const plugin_instance& instance, std::int64_t deadline_ns) {
  const auto* iface = instance.interface<tb_exchange_v1>();
  size_t count = 0;
  tb_error err{};
  // Capacity 0: the exchange reports how many symbols it has without copying them.
  const tb_status status = status_call(instance.site("list_symbols()"), err, [&](tb_error* e) {
    return iface->list_symbols(instance.self(), deadline_ns, nullptr, 0, &count, e);
  });
  if (status == TB_E_BUFFER_TOO_SMALL) {
    probe_result result;
    result.ok = true;
    result.detail = "connected; " + std::to_string(count) + " symbols";
    return result;
  }
  return from_status(status, err, "connected; " + std::to_string(count) + " symbols");
}

probe_result probe_notifier(const plugin_instance& instance, run_mode mode) {
  const auto* iface = instance.interface<tb_notifier_v1>();
  const std::string title = "TradingBot started in " + std::string(to_string(mode)) + " mode";
  tb_notification note{};
  note.struct_size = sizeof(note);
  note.kind = TB_NOTE_MESSAGE;
  note.severity = TB_SEVERITY_INFO;
  note.key = "startup";
  note.title = title.c_str();
  tb_error err{};
  const tb_status status = status_call(instance.site("notify()"), err, [&](tb_error* e) {
    return iface->notify(instance.self(), &note, e);
  });
  return from_status(status, err, "ready; start-up message queued");
}

}  // namespace

probe_result probe_plugin(const plugin_instance& instance, run_mode mode,
                          std::int64_t deadline_ns) {
  try {
    switch (instance.info().kind) {
      case TB_KIND_STRATEGY: return probe_strategy(instance);
      case TB_KIND_EXCHANGE: return probe_exchange(instance, deadline_ns);
      case TB_KIND_NOTIFIER: return probe_notifier(instance, mode);
      default: break;
    }
    return {false, false, "unknown plugin kind"};
  } catch (const std::exception& e) {
    return {false, false, e.what()};
  }
}

}  // namespace tb::host
