#pragma once
// A fake's main(): parse the flags, start the server, print "listening 127.0.0.1:PORT"
// (flushed, for the process that started it), serve until SIGINT or SIGTERM, stop, exit 0.
#include <cstdint>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "fake_common/parse_result.hpp"

namespace tb::fake_common {

// Catches SIGINT and SIGTERM from its construction on, so a signal sent right after the
// listening line is not lost.
class stop_signals {
 public:
  stop_signals();
  ~stop_signals();
  stop_signals(const stop_signals&) = delete;
  stop_signals& operator=(const stop_signals&) = delete;
  void wait();  // until one of them arrives

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Prints "listening 127.0.0.1:PORT" on stdout and flushes it.
void print_listening(std::uint16_t port);

// The whole of a fake's main(): `Server` is built from the parsed options and has port() and
// stop(); `name` prefixes the "<name>: stopped" line on stderr. Exits with the parser's code
// when it answers no options, 1 when the server cannot start.
template <class Server, class Options>
int fake_main(const char* name, int argc, char** argv,
              parse_result<Options> (*parse)(const std::vector<std::string>&)) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto parsed = parse(args);
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message;
    return parsed.exit_code;
  }
  try {
    stop_signals signals;
    Server server(*parsed.options);
    print_listening(server.port());
    signals.wait();
    server.stop();
    std::cerr << name << ": stopped\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}

}  // namespace tb::fake_common
