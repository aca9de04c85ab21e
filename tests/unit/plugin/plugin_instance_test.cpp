#include "plugin/plugin_instance.hpp"

#include <dlfcn.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "fixture_paths.hpp"
#include "plugin/synthetic_series.hpp"
#include "test_host_api.hpp"

namespace tb::host {
namespace {

using testing::fixture;
using ::testing::HasSubstr;
using testing::test_host;
namespace fs = std::filesystem;

bool is_loaded(const fs::path& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  dlclose(handle);
  return true;
}

std::unique_ptr<plugin_instance> make(const std::string& plugin, const test_host& host,
                                      const std::string& name = "main") {
  return plugin_instance::create(plugin_library::open(fixture(plugin)), host.api(), name);
}

// The plugin_error f throws; a test failure when it throws none.
template <class F>
plugin_error error_of(F&& f) {
  try {
    f();
  } catch (const plugin_error& e) {
    return e;
  }
  ADD_FAILURE() << "no plugin_error was thrown";
  return plugin_error(plugin_errc::host_failure, {}, "(none)");
}

TEST(PluginInstance, GoodStrategyRunsItsWholeLifecycle) {
  test_host host;
  auto instance = make("good_strategy", host);
  EXPECT_EQ(instance->name(), "main");
  EXPECT_EQ(instance->info().id, "good_strategy");
  EXPECT_TRUE(host.logged("good_strategy: instance 'main' created"));
  instance->start();
  EXPECT_TRUE(instance->started());
  EXPECT_TRUE(host.logged("good_strategy: started"));
  EXPECT_NE(instance->interface<tb_strategy_v1>(), nullptr);
  EXPECT_EQ(instance->interface<tb_exchange_v1>(), nullptr);
  instance->stop();
  EXPECT_FALSE(instance->started());
  EXPECT_TRUE(host.logged("good_strategy: stopped"));
  instance->close();
  EXPECT_TRUE(instance->closed());
  instance->close();  // idempotent
  EXPECT_THAT(error_of([&] { instance->start(); }).what(),
              HasSubstr("start() called after close()"));
}

TEST(PluginInstance, DestructionStopsAStartedInstance) {
  test_host host;
  auto instance = make("good_strategy", host);
  instance->start();
  instance.reset();
  EXPECT_TRUE(host.logged("good_strategy: stopped"));
}

TEST(PluginInstance, KeepsItsLibraryLoadedUntilDestroyed) {
  test_host host;
  const fs::path path = fixture("good_strategy");
  auto library = plugin_library::open(path);
  auto instance = plugin_instance::create(library, host.api(), "main");
  library.reset();
  EXPECT_TRUE(is_loaded(path));
  instance.reset();
  EXPECT_FALSE(is_loaded(path));
}

TEST(PluginInstance, StrategyScanEmitsASignal) {
  test_host host;
  auto instance = make("good_strategy", host);
  const tb_strategy_v1* strategy = instance->interface<tb_strategy_v1>();
  ASSERT_NE(strategy, nullptr);
  const synthetic_series data("ETHUSDT", 7, "1h", 3600, 20);
  const tb_series series = data.view();
  std::vector<tb_signal> signals;
  const tb_signal_sink sink{sizeof(tb_signal_sink), &signals, [](void* ctx, const tb_signal* s) {
                              static_cast<std::vector<tb_signal>*>(ctx)->push_back(*s);
                              return TB_OK;
                            }};
  checked_call(instance->site("on_scan()"), [&](tb_error* err) {
    return strategy->on_scan(instance->self(), &series, 1, &sink, err);
  });
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].symbol_id, 7u);
  EXPECT_EQ(signals[0].interval_s, 3600u);
  EXPECT_EQ(signals[0].entry, data.view().candles[19].close);
}

TEST(PluginInstance, ExchangeAnswersThroughItsInterface) {
  test_host host;
  auto instance = make("good_exchange", host, "binance");
  instance->start();  // starts the fixture's worker thread; stop() joins it
  const tb_exchange_v1* exchange = instance->interface<tb_exchange_v1>();
  ASSERT_NE(exchange, nullptr);
  tb_symbol_info symbols[2]{};
  std::size_t count = 0;
  checked_call(instance->site("list_symbols()"), [&](tb_error* err) {
    return exchange->list_symbols(instance->self(), 0, symbols, 2, &count, err);
  });
  ASSERT_EQ(count, 1u);
  EXPECT_STREQ(symbols[0].symbol, "BTCUSDT");
  const plugin_error e = error_of([&] {
    checked_call(instance->site("place_order()"), [&](tb_error* err) {
      return exchange->place_order(instance->self(), nullptr, 0, nullptr, err);
    });
  });
  EXPECT_THAT(e.what(), HasSubstr("plugin 'good_exchange' instance 'binance' ("));
  EXPECT_THAT(e.what(), HasSubstr("place_order() failed with TB_E_UNSUPPORTED (-2): "
                                  "good_exchange: not implemented by this fixture"));
  instance->stop();
}

TEST(PluginInstance, NotifierQueuesAndFlushes) {
  test_host host;
  auto instance = make("good_notifier", host, "discord");
  instance->start();
  const tb_notifier_v1* notifier = instance->interface<tb_notifier_v1>();
  ASSERT_NE(notifier, nullptr);
  tb_notification note{};
  note.struct_size = sizeof note;
  note.title = "hello";
  checked_call(instance->site("notify()"),
               [&](tb_error* err) { return notifier->notify(instance->self(), &note, err); });
  checked_call(instance->site("flush()"),
               [&](tb_error* err) { return notifier->flush(instance->self(), 0, err); });
  EXPECT_TRUE(host.logged("good_notifier: delivered 1"));
}

TEST(PluginInstance, CreateFailureCarriesThePluginsMessage) {
  test_host host;
  const plugin_error e = error_of([&] { make("create_fails", host); });
  EXPECT_EQ(e.code(), plugin_errc::call_failed);
  EXPECT_EQ(e.file(), fixture("create_fails"));
  EXPECT_THAT(e.what(), HasSubstr("plugin 'create_fails' instance 'main' (" +
                                  fixture("create_fails").string() +
                                  "): create() returned NULL: create_fails: setting api_key is "
                                  "missing"));
}

TEST(PluginInstance, CreateFailureWithoutMessageIsStillExplained) {
  test_host host;
  const plugin_error e = error_of([&] { make("create_fails_silently", host); });
  EXPECT_EQ(e.code(), plugin_errc::call_failed);
  EXPECT_THAT(e.what(), HasSubstr("plugin 'create_fails_silently' instance 'main'"));
  EXPECT_THAT(e.what(), HasSubstr("create() returned NULL and gave no error message"));
}

TEST(PluginInstance, StartFailureNamesStatusAndMessage) {
  test_host host;
  auto instance = make("start_fails", host);
  const plugin_error e = error_of([&] { instance->start(); });
  EXPECT_EQ(e.code(), plugin_errc::call_failed);
  EXPECT_THAT(e.what(),
              HasSubstr("plugin 'start_fails' instance 'main' (" + fixture("start_fails").string() +
                        "): start() failed with TB_E_AUTH (-12): start_fails: the "
                        "exchange refused the API key"));
  EXPECT_FALSE(instance->started());
  instance->close();  // destroy only: stop() is not called after a failed start()
}

TEST(PluginInstance, ExceptionEscapingCreateIsCaught) {
  test_host host;
  const plugin_error e = error_of([&] { make("create_throws", host); });
  EXPECT_EQ(e.code(), plugin_errc::plugin_threw);
  EXPECT_EQ(std::string(e.what()),
            "plugin 'create_throws' instance 'main' (" + fixture("create_throws").string() +
                ") threw a C++ exception across the C ABI in create(): create_throws: the "
                "configuration could not be parsed; plugins must catch their exceptions (the "
                "SDK's C++ layer does)");
  // The host carries on: another plugin loads and runs.
  make("good_strategy", host)->start();
}

TEST(PluginInstance, NonStandardExceptionEscapingStartIsCaught) {
  test_host host;
  auto instance = make("start_throws", host);
  const plugin_error e = error_of([&] { instance->start(); });
  EXPECT_EQ(e.code(), plugin_errc::plugin_threw);
  EXPECT_THAT(e.what(), HasSubstr("plugin 'start_throws' instance 'main'"));
  EXPECT_THAT(e.what(), HasSubstr("threw a C++ exception across the C ABI in start(): an "
                                  "exception that is not a std::exception; plugins must catch"));
  EXPECT_FALSE(instance->started());
}

TEST(PluginInstance, TooSmallInterfaceTableIsRefused) {
  test_host host;
  auto instance = make("small_interface", host);
  const plugin_error e = error_of([&] { instance->interface<tb_strategy_v1>(); });
  EXPECT_EQ(e.code(), plugin_errc::bad_interface);
  EXPECT_THAT(e.what(),
              HasSubstr("interface table tb.strategy/1 is 8 bytes, smaller than the " +
                        std::to_string(interface_traits<tb_strategy_v1>::v1_size) + " bytes"));
}

TEST(PluginInstance, NeedsAHostApiTable) {
  const plugin_error e = error_of([&] {
    plugin_instance::create(plugin_library::open(fixture("good_strategy")), nullptr, "main");
  });
  EXPECT_EQ(e.code(), plugin_errc::host_failure);
  EXPECT_THAT(e.what(), HasSubstr("needs a host API table"));
}

}  // namespace
}  // namespace tb::host
