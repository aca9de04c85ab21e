// fake-discord: serves the fake Discord API until SIGINT or SIGTERM.
#include "fake_common/fake_main.hpp"
#include "server/fake_server.hpp"

int main(int argc, char** argv) {
  return tb::fake_common::fake_main<tb::fake_discord::fake_server>("fake-discord", argc, argv,
                                                                    tb::fake_discord::parse_options);
}
