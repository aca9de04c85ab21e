// The tb_simulator_v1 thunks for a plugin class T that derives from tb::sdk::simulator, and
// optional_simulator<T>, which the export macro uses to offer them only then. Internal.
#pragma once

#include <cstdint>
#include <type_traits>

#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/simulator.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

template <class T>
struct simulator_thunks {
  static constexpr tb_simulator_v1 table() noexcept {
    return tb_simulator_v1{static_cast<std::uint32_t>(sizeof(tb_simulator_v1)), &advance_to,
                           &advance_to_account_event};
  }

  static tb_status advance_to(void* self, std::int64_t until_ms, tb_error* err) noexcept {
    return run<T>(err, self, "simulator.advance_to", [&](T& instance) {
      static_cast<simulator&>(instance).advance_to(until_ms);
    });
  }

  static tb_status advance_to_account_event(void* self, std::int64_t until_ms,
                                            std::int64_t* played_to_ms, tb_error* err) noexcept {
    constexpr const char* operation = "simulator.advance_to_account_event";
    return run<T>(err, self, operation, [&](T& instance) {
      require_pointer(instance, operation, played_to_ms, "played_to_ms");
      *played_to_ms = static_cast<simulator&>(instance).advance_to_account_event(until_ms);
    });
  }
};

template <class T, bool = std::is_base_of<simulator, T>::value>
struct optional_simulator {
  static constexpr bool offered = false;
  static constexpr tb_simulator_v1 table() noexcept { return tb_simulator_v1{}; }
};

template <class T>
struct optional_simulator<T, true> {
  static constexpr bool offered = true;
  static constexpr tb_simulator_v1 table() noexcept { return simulator_thunks<T>::table(); }
};

}  // namespace tb::sdk::detail
