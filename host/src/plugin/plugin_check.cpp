#include "plugin/plugin_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <ostream>

#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/synthetic_series.hpp"

namespace tb::host {
namespace {

constexpr std::size_t max_check_candles = 2000;
constexpr std::size_t default_check_candles = 200;
constexpr std::size_t signal_v1_size =
    offsetof(tb_signal, meta_json) + sizeof(tb_signal::meta_json);

// Counts what on_scan emits and remembers the first malformed signal. Called by the plugin
// through a C function pointer, so nothing may escape it.
struct signal_counter {
  std::size_t count = 0;
  std::string first_problem;

  static tb_status emit(void* ctx, const tb_signal* signal) {
    auto* self = static_cast<signal_counter*>(ctx);
    try {
      ++self->count;
      const std::string problem = validate(signal);
      if (!problem.empty() && self->first_problem.empty()) self->first_problem = problem;
      return problem.empty() ? TB_OK : TB_E_INVALID_ARGUMENT;
    } catch (...) {
      return TB_E_INTERNAL;
    }
  }

  static std::string validate(const tb_signal* s) {
    if (s == nullptr) return "emit() was given a NULL signal";
    if (s->struct_size < signal_v1_size) {
      return "a signal's struct_size is " + std::to_string(s->struct_size) + ", smaller than " +
             std::to_string(signal_v1_size);
    }
    if (s->symbol == nullptr) return "a signal has no symbol";
    if (s->side != TB_SIDE_LONG && s->side != TB_SIDE_SHORT) {
      return "a signal's side is " + std::to_string(s->side) +
             ", not TB_SIDE_LONG or TB_SIDE_SHORT";
    }
    for (const double price : {s->entry, s->stop_loss, s->take_profit}) {
      if (!std::isfinite(price) || price <= 0) return "a signal has a price that is not positive";
    }
    if (!(s->confidence >= 0 && s->confidence <= 1))
      return "a signal's confidence is not within 0..1";
    return {};
  }
};

class checker {
 public:
  checker(check_report& report, const tb_host_api& host) : report_(report), host_(host) {}

  void run(const std::filesystem::path& file, std::string_view expected_id) {
    std::shared_ptr<const plugin_library> library;
    if (!step("load", [&] {
          library = plugin_library::open(file, expected_id);
          report_.info = library->info();
          report_.path = library->info().path;
          return describe(library->info());
        })) {
      return;
    }
    std::unique_ptr<plugin_instance> instance;
    if (!step("create", [&] {
          instance = plugin_instance::create(library, &host_, "check");
          return std::string("instance 'check' created");
        })) {
      return;
    }
    if (step("start", [&] {
          instance->start();
          return std::string("started");
        })) {
      exercise(*instance);
    }
    step("stop", [&] {
      const bool was_started = instance->started();
      instance->stop();
      return std::string(was_started ? "stopped" : "not started, so not stopped");
    });
    step("destroy", [&] {
      instance->close();
      return std::string("destroyed");
    });
  }

 private:
  // Runs body; a plugin_error (or any other exception) makes the step fail with its text.
  template <class F>
  bool step(std::string name, F&& body) {
    check_step s{std::move(name), check_outcome::ok, {}};
    try {
      s.detail = body();
    } catch (const std::exception& e) {
      s.outcome = check_outcome::failed;
      s.detail = e.what();
    }
    report_.steps.push_back(s);
    return s.outcome != check_outcome::failed;
  }

  void add(std::string name, check_outcome outcome, std::string detail) {
    report_.steps.push_back({std::move(name), outcome, std::move(detail)});
  }

  bool exercise(const plugin_instance& instance) {
    switch (instance.info().kind) {
      case TB_KIND_STRATEGY: {
        const tb_strategy_v1* table = nullptr;
        return fetch(instance, table) && exercise_strategy(instance, *table);
      }
      case TB_KIND_EXCHANGE: {
        const tb_exchange_v1* table = nullptr;
        return fetch(instance, table);
      }
      default: {
        const tb_notifier_v1* table = nullptr;
        return fetch(instance, table);
      }
    }
  }

  template <class T>
  bool fetch(const plugin_instance& instance, const T*& table) {
    const std::string id = interface_traits<T>::id;
    return step("interface " + id, [&] {
      table = instance.interface<T>();
      if (table == nullptr) {
        throw plugin_error(plugin_errc::bad_interface, instance.info().path,
                           describe_site(instance.site({})) + ": does not offer interface " + id +
                               ", which every " + kind_name(instance.info().kind) + " plugin must");
      }
      return std::to_string(table->struct_size) + " bytes, every v1 function set";
    });
  }

  bool exercise_strategy(const plugin_instance& instance, const tb_strategy_v1& table) {
    std::vector<tb_data_need> needs;
    if (!step("data_needs", [&] {
          needs = data_needs(instance, table);
          std::string text = std::to_string(needs.size()) + " need(s)";
          const char* separator = ": ";
          for (const tb_data_need& n : needs) {
            text += separator + std::string(n.interval) + " x " + std::to_string(n.lookback);
            separator = ", ";
          }
          return text;
        })) {
      return false;
    }
    std::vector<synthetic_series> data;
    for (const tb_data_need& n : needs) {
      const std::size_t count = std::clamp<std::size_t>(n.lookback, 1, max_check_candles);
      data.emplace_back("BTCUSDT", 1, n.interval, *interval_seconds(n.interval), count);
    }
    if (needs.empty()) data.emplace_back("BTCUSDT", 1, "1h", 3600, default_check_candles);
    std::vector<tb_series> views;
    for (const synthetic_series& s : data) views.push_back(s.view());

    signal_counter counter;
    const tb_signal_sink sink{sizeof(tb_signal_sink), &counter, &signal_counter::emit};
    tb_error err{};
    tb_status status = TB_OK;
    const call_site site = instance.site("on_scan()");
    if (!step("on_scan", [&] {
          status = status_call(site, err, [&](tb_error* e) {
            return table.on_scan(instance.self(), views.data(), views.size(), &sink, e);
          });
          if (status != TB_OK && status != TB_E_UNSUPPORTED) throw_call_failed(site, status, err);
          if (!counter.first_problem.empty()) {
            throw plugin_error(plugin_errc::call_failed, instance.info().path,
                               describe_site(site) + ": on_scan() emitted a malformed signal: " +
                                   counter.first_problem);
          }
          return "scanned " + std::to_string(views.size()) + " synthetic series, emitted " +
                 std::to_string(counter.count) + " signal(s)";
        })) {
      return false;
    }
    if (status == TB_E_UNSUPPORTED) {
      report_.steps.back().outcome = check_outcome::not_supported;
      const std::string text = error_text(err);
      report_.steps.back().detail = "not supported yet" + (text.empty() ? "" : ": " + text);
    }
    return true;
  }

  std::vector<tb_data_need> data_needs(const plugin_instance& instance,
                                       const tb_strategy_v1& table) {
    const call_site site = instance.site("data_needs()");
    std::vector<tb_data_need> needs(16);
    for (int attempt = 0; attempt < 2; ++attempt) {
      for (tb_data_need& n : needs) n = tb_data_need{sizeof(tb_data_need), {}, 0};
      std::size_t count = 0;
      tb_error err{};
      const tb_status status = status_call(site, err, [&](tb_error* e) {
        return table.data_needs(instance.self(), needs.data(), needs.size(), &count, e);
      });
      if (status == TB_E_BUFFER_TOO_SMALL && attempt == 0 && count > needs.size()) {
        needs.resize(count);
        continue;
      }
      if (status != TB_OK) throw_call_failed(site, status, err);
      if (count > needs.size()) {
        throw plugin_error(plugin_errc::call_failed, instance.info().path,
                           describe_site(site) + ": data_needs() reported " +
                               std::to_string(count) + " needs with room for " +
                               std::to_string(needs.size()) + " and did not fail");
      }
      needs.resize(count);
      for (const tb_data_need& n : needs) {
        const std::string_view interval(n.interval, strnlen(n.interval, sizeof n.interval));
        if (interval.size() == sizeof n.interval || !interval_seconds(interval)) {
          throw plugin_error(plugin_errc::call_failed, instance.info().path,
                             describe_site(site) + ": data_needs() returned interval '" +
                                 std::string(interval) +
                                 "', which is not a Binance interval code (\"15m\", \"4h\", ...)");
        }
      }
      return needs;
    }
    throw plugin_error(plugin_errc::call_failed, instance.info().path,
                       describe_site(site) + ": data_needs() kept answering TB_E_BUFFER_TOO_SMALL");
  }

  check_report& report_;
  const tb_host_api& host_;
};

const char* outcome_text(check_outcome outcome) {
  switch (outcome) {
    case check_outcome::ok:
      return "OK";
    case check_outcome::not_supported:
      return "NOT SUPPORTED";
    case check_outcome::failed:
      return "FAILED";
  }
  return "?";
}

}  // namespace

bool check_report::ok() const noexcept {
  return std::none_of(steps.begin(), steps.end(),
                      [](const check_step& s) { return s.outcome == check_outcome::failed; });
}

check_report check_plugin(const std::filesystem::path& file, const tb_host_api& host,
                          std::string_view expected_id) {
  check_report report;
  report.path = file;
  checker(report, host).run(file, expected_id);
  return report;
}

void print_check_report(std::ostream& out, const check_report& report) {
  out << "Checking " << report.path.string() << "\n";
  if (report.info) {
    const plugin_info& i = *report.info;
    out << "  id:      " << i.id << "\n"
        << "  kind:    " << kind_name(i.kind) << "\n"
        << "  version: " << i.version << "\n"
        << "  ABI:     " << i.abi_major << "." << i.abi_minor << " (host " << TB_ABI_MAJOR << "."
        << TB_ABI_MINOR << ")\n"
        << "  build:   " << (i.build_info.empty() ? "(not given)" : i.build_info) << "\n";
    if (!i.description.empty()) out << "  about:   " << i.description << "\n";
  }
  for (const check_step& s : report.steps) {
    out << "  [" << outcome_text(s.outcome) << "] " << s.name << ": " << s.detail << "\n";
  }
  out << (report.ok() ? "OK\n" : "FAILED\n");
}

}  // namespace tb::host
