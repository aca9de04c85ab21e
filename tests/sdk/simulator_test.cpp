// The optional "tb.simulator/1" interface (ABI 1.3, 1.4) as TB_PLUGIN_EXCHANGE generates it for a
// class that also derives from tb::sdk::simulator, driven through the C table the way the
// backtest drives it. The plugin is compiled into this test (its own executable: the entry
// symbol is the executable's).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "fake_host.hpp"
#include "tradingbot/sdk.hpp"

namespace {

class clockwork final : public tb::sdk::exchange, public tb::sdk::simulator {
 public:
  using tb::sdk::exchange::exchange;

  void advance_to(std::int64_t until_ms) override {
    if (!moves.empty() && until_ms < moves.back()) {
      throw tb::sdk::error(TB_E_INVALID_ARGUMENT, "clockwork: time cannot go back");
    }
    if (until_ms == 13) throw std::runtime_error("unlucky");
    moves.push_back(until_ms);
  }

  std::vector<std::int64_t> moves;
};

// An exchange without the mix-in offers no simulator.
class plain final : public tb::sdk::exchange {
 public:
  using tb::sdk::exchange::exchange;
};

}  // namespace

TB_PLUGIN_EXCHANGE(clockwork, "sdk_clockwork", "1.0.0", "simulator test");

namespace tb::sdk {
namespace {

class simulator_interface : public ::testing::Test {
 protected:
  simulator_interface() {
    tb_error err{};
    self_ = descriptor_->create(host_.api(), "main", &err);
  }
  ~simulator_interface() override { descriptor_->destroy(self_); }

  const tb_simulator_v1* table() const {
    return static_cast<const tb_simulator_v1*>(
        descriptor_->get_interface(self_, TB_IFACE_SIMULATOR_V1));
  }
  clockwork& instance() const { return *static_cast<clockwork*>(self_); }

  testing::fake_host host_;
  const tb_plugin_descriptor* descriptor_ = tb_plugin_entry_v1();
  void* self_ = nullptr;
};

TEST_F(simulator_interface, is_offered_beside_the_exchange_interface) {
  ASSERT_NE(self_, nullptr);
  const tb_simulator_v1* t = table();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->struct_size, sizeof(tb_simulator_v1));
  EXPECT_NE(t->advance_to, nullptr);
  ASSERT_TRUE(TB_HAS(t, tb_simulator_v1, advance_to_account_event));
  EXPECT_NE(t->advance_to_account_event, nullptr);
  EXPECT_NE(descriptor_->get_interface(self_, TB_IFACE_EXCHANGE_V1), nullptr);
  EXPECT_EQ(descriptor_->get_interface(self_, TB_IFACE_INDICATORS_V1), nullptr);
  EXPECT_EQ(descriptor_->get_interface(self_, "tb.simulator/2"), nullptr);
}

TEST_F(simulator_interface, advance_to_reaches_the_class_in_order) {
  tb_error err{};
  ASSERT_EQ(table()->advance_to(self_, 60'000, &err), TB_OK) << err.message;
  ASSERT_EQ(table()->advance_to(self_, 120'000, &err), TB_OK) << err.message;
  EXPECT_EQ(instance().moves, (std::vector<std::int64_t>{60'000, 120'000}));
}

TEST_F(simulator_interface, errors_and_exceptions_become_statuses_with_messages) {
  tb_error thrown{};
  EXPECT_EQ(table()->advance_to(self_, 13, &thrown), TB_E_PLUGIN_FAULT);  // a std::exception
  EXPECT_NE(std::strstr(thrown.message, "unlucky"), nullptr) << thrown.message;
  EXPECT_TRUE(instance().moves.empty());
  tb_error err{};
  ASSERT_EQ(table()->advance_to(self_, 60'000, &err), TB_OK);
  EXPECT_EQ(table()->advance_to(self_, 1'000, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(err.message, "time cannot go back"), nullptr) << err.message;
  tb_error fault{};
  EXPECT_EQ(table()->advance_to(nullptr, 61'000, &fault), TB_E_INVALID_ARGUMENT);
}

TEST_F(simulator_interface, advance_to_account_event_defaults_to_playing_to_the_end) {
  tb_error err{};
  std::int64_t played = 0;
  ASSERT_EQ(table()->advance_to_account_event(self_, 60'000, &played, &err), TB_OK) << err.message;
  EXPECT_EQ(played, 60'000);
  EXPECT_EQ(instance().moves, (std::vector<std::int64_t>{60'000}));
  EXPECT_EQ(table()->advance_to_account_event(self_, 1'000, &played, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(err.message, "time cannot go back"), nullptr) << err.message;
  tb_error missing{};
  EXPECT_EQ(table()->advance_to_account_event(self_, 90'000, nullptr, &missing), TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(missing.message, "played_to_ms is NULL"), nullptr) << missing.message;
  EXPECT_EQ(instance().moves.size(), 1u);  // refused before the class was called
}

TEST(simulator_mixin, is_offered_only_by_classes_that_derive_from_it) {
  EXPECT_TRUE(detail::optional_simulator<clockwork>::offered);
  EXPECT_FALSE(detail::optional_simulator<plain>::offered);
}

}  // namespace
}  // namespace tb::sdk
