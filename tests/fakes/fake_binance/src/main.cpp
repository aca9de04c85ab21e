// fake-binance: runs the simulator until SIGINT or SIGTERM.
#include "fake_common/fake_main.hpp"
#include "server/fake_server.hpp"

int main(int argc, char** argv) {
  return tb::fake_common::fake_main<tb::fake::fake_server>("fake-binance", argc, argv, tb::fake::parse_options);
}
