// The TradingBot plugin SDK, C++ layer: include this one header to write a plugin.
//
//   tradingbot/tb_abi.h             the C ABI, the only contract with the host
//   tradingbot/sdk/error.hpp        tb::sdk::error, guarded(): exceptions never cross the ABI
//   tradingbot/sdk/host.hpp         tb::sdk::host: logging, clocks, rate limits, breakers,
//                                   cache, metrics, health, alerts, settings, extensions
//   tradingbot/sdk/series.hpp       series_view / series_batch over the borrowed candles
//   tradingbot/sdk/signal.hpp       the signal builder and the host's signal sink
//   tradingbot/sdk/plugin.hpp       what every instance has: start/stop, host, names
//   tradingbot/sdk/strategy.hpp     base class of strategies  ("tb.strategy/1")
//   tradingbot/sdk/exchange.hpp     base class of exchanges   ("tb.exchange/1")
//   tradingbot/sdk/exchange_types.hpp, market_sink.hpp   its data and its push sink
//   tradingbot/sdk/notifier.hpp     base class of notifiers   ("tb.notifier/1")
//   tradingbot/sdk/indicators.hpp   optional mix-in, indicators on request ("tb.indicators/1")
//   tradingbot/sdk/simulator.hpp    optional mix-in, a market the host moves ("tb.simulator/1")
//   tradingbot/sdk/bot.hpp          the running bot for chat commands ("tb.bot/1", ABI 1.5)
//   tradingbot/sdk/export.hpp       TB_PLUGIN_STRATEGY / _EXCHANGE / _NOTIFIER
//   tradingbot/sdk/version.hpp      TB_SDK_VERSION_STRING
//
// Header-only, C++17 or later. Everything lives in namespace tb::sdk; tb::sdk::detail is
// internal. docs/sdk.md describes the contract, docs/plugin-guide.md walks through a plugin.
#pragma once

#include "tradingbot/sdk/bot.hpp"
#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/exchange.hpp"
#include "tradingbot/sdk/exchange_types.hpp"
#include "tradingbot/sdk/export.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/indicators.hpp"
#include "tradingbot/sdk/market_sink.hpp"
#include "tradingbot/sdk/notifier.hpp"
#include "tradingbot/sdk/plugin.hpp"
#include "tradingbot/sdk/series.hpp"
#include "tradingbot/sdk/signal.hpp"
#include "tradingbot/sdk/simulator.hpp"
#include "tradingbot/sdk/strategy.hpp"
#include "tradingbot/sdk/version.hpp"
#include "tradingbot/tb_abi.h"
