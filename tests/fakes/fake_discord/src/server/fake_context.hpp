#pragma once
// Everything the fake's handlers share: options, id generator, stores, limiter, faults, logs
// and the gateway hub. Each member is internally synchronised.
#include <cstdint>
#include <memory>

#include "gateway/gateway_hub.hpp"
#include "rest/rate_limiter.hpp"
#include "rest/request_log.hpp"
#include "rest/rest_faults.hpp"
#include "server/server_options.hpp"
#include "state/command_registry.hpp"
#include "state/interaction_registry.hpp"
#include "state/message_store.hpp"
#include "util/snowflake.hpp"

namespace tb::fake_discord {

struct fake_context {
  explicit fake_context(const server_options& o)
      : options(o),
        messages(o, ids),
        commands(o.application_id, ids),
        gateway(std::make_unique<gateway_hub>(o)) {}

  void set_port(std::uint16_t p) {
    port = p;
    gateway->set_port(p);
  }

  const server_options options;
  std::uint16_t port = 0;  // set once, before the first connection is accepted
  snowflake_generator ids;
  message_store messages;
  command_registry commands;
  interaction_registry interactions;
  rate_limiter limiter;
  rest_faults faults;
  request_log requests;
  std::unique_ptr<gateway_hub> gateway;
};

}  // namespace tb::fake_discord
