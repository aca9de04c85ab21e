// The notify_discord plugin: trade events, alerts and daily summaries to a Discord channel.
// Version 0.1.0 refuses every message with TB_E_UNSUPPORTED ("... is not supported yet")
// until the Discord client lands; flush() has nothing queued and succeeds at once.
#include <string>

#include "tradingbot/sdk.hpp"

namespace tb::discord {

constexpr char plugin_id[] = "notify_discord";
constexpr char plugin_version[] = "0.1.0";

class discord_notifier final : public sdk::notifier {
 public:
  using sdk::notifier::notifier;

  void start() override {
    host().info(std::string(id()) + " " + std::string(version()) + " (" + instance_name() +
                "): delivery to Discord is not implemented yet; messages are refused");
  }

  // [any] Nothing is shared, so concurrent calls are safe.
  void notify(const sdk::notification&) override {
    throw sdk::error(TB_E_UNSUPPORTED, std::string(id()) + " " + std::string(version()) +
                                           ": notify is not supported yet");
  }
};

}  // namespace tb::discord

TB_PLUGIN_NOTIFIER(tb::discord::discord_notifier, tb::discord::plugin_id,
                   tb::discord::plugin_version,
                   "Discord notifications (0.1.0: refuses messages until delivery lands)");
