// The tb_notifier_v1 thunks for a notifier class T. Internal.
#pragma once

#include <cstdint>
#include <string_view>

#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/notifier.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

template <class T>
struct notifier_thunks {
  static notifier& as_notifier(T& instance) noexcept { return instance; }

  static std::string_view text(const char* s) noexcept {
    return s != nullptr ? std::string_view(s) : std::string_view();
  }

  static constexpr tb_notifier_v1 table() noexcept {
    return tb_notifier_v1{static_cast<std::uint32_t>(sizeof(tb_notifier_v1)), &notify, &flush};
  }

  static tb_status notify(void* self, const tb_notification* note, tb_error* err) noexcept {
    return run<T>(err, self, "notify", [&](T& instance) {
      require_pointer(instance, "notify", note, "note");
      if (!TB_HAS(note, tb_notification, fields_json)) {
        fail(instance, "notify", TB_E_INVALID_ARGUMENT,
             "tb_notification.struct_size " + std::to_string(note->struct_size) +
                 " is smaller than the ABI 1.0 struct (" +
                 std::to_string(sizeof(tb_notification)) + ")");
      }
      notification view;
      view.kind = static_cast<note_kind>(note->kind);
      view.level = static_cast<severity>(note->severity);
      view.time_ms = note->time_ms;
      view.key = text(note->key);
      view.title = text(note->title);
      view.body = text(note->body);
      view.fields_json = text(note->fields_json);
      as_notifier(instance).notify(view);
    });
  }

  static tb_status flush(void* self, std::int64_t deadline_ns, tb_error* err) noexcept {
    return run<T>(err, self, "flush", [&](T& instance) {
      as_notifier(instance).flush(deadline_from_ns(deadline_ns));
    });
  }
};

}  // namespace tb::sdk::detail
