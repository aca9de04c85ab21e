/*
 * tb_abi.h -- the whole contract between the TradingBot host and its plugins.
 *
 * Plain C (C99 and later, C++17 and later). Nothing but <stddef.h> and <stdint.h>.
 * Read docs/sdk.md for the versioning rules; the short form:
 *   - TB_ABI_MAJOR is in the entry symbol's name. A breaking change bumps it.
 *   - TB_ABI_MINOR grows when something is appended. Fields are only ever appended to the end
 *     of a struct, function pointers only to the end of a table. Nothing is reordered,
 *     retyped, repurposed or removed.
 *   - Every struct that may grow starts with `uint32_t struct_size`. The producer zero-fills
 *     it and sets struct_size = sizeof(its struct); the consumer checks TB_HAS() and a
 *     non-NULL pointer before it touches a field added after 1.0.
 *   - Enum-like fields are fixed-width integers with explicit values; readers must tolerate
 *     values they do not know.
 *
 * Memory: inputs are borrowed for the duration of one call. Outputs go into caller-owned
 * buffers (TB_E_BUFFER_TOO_SMALL reports the size needed) or through host-owned sinks that
 * copy what they are given. Each side frees only what it allocated: an instance is freed by
 * its plugin's destroy(). No C++ exception ever crosses this boundary, in either direction.
 *
 * Thread tags on every function pointer:
 *   [any]       may be called from any thread, concurrently.
 *   [control]   called by the host from one control thread at a time (lifecycle).
 *   [instance]  calls on one plugin instance are serialized by the host.
 *   [worker]    may block on I/O up to its deadline; the host calls it from a worker pool,
 *               several calls on one instance may run concurrently.
 */
#ifndef TB_ABI_H
#define TB_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TB_ABI_MAJOR 1
#define TB_ABI_MINOR 5 /* 1.1: tb.indicators/1; 1.2: get_order_fills; 1.3: tb.simulator/1;
                          1.4: tb_simulator_v1.advance_to_account_event; 1.5: tb.bot/1 */
/* The one symbol a plugin exports: `const tb_plugin_descriptor* tb_plugin_entry_v1(void)`. */
#define TB_ENTRY_SYMBOL "tb_plugin_entry_v1"

#if defined(_WIN32)
#define TB_EXPORT __declspec(dllexport)
#else
#define TB_EXPORT __attribute__((visibility("default")))
#endif

/* Does a size-prefixed struct written by the other side contain FIELD? */
#define TB_HAS(ptr, type, field) \
  ((ptr)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

/* ------------------------------------------------------------------------------------ */
/* Status codes and errors                                                               */
/* ------------------------------------------------------------------------------------ */

typedef int32_t tb_status; /* TB_OK or one of the negative TB_E_* codes below. */

#define TB_OK 0
#define TB_E_INVALID_ARGUMENT (-1)  /* the caller passed something malformed */
#define TB_E_UNSUPPORTED (-2)       /* this plugin/host does not offer the operation (yet) */
#define TB_E_TIMEOUT (-3)           /* the deadline passed before the work finished */
#define TB_E_RATE_LIMITED (-4)      /* a rate-limit bucket refused, or the server said 429 */
#define TB_E_BREAKER_OPEN (-5)      /* a circuit breaker is open for that endpoint group */
#define TB_E_BUFFER_TOO_SMALL (-6)  /* the output buffer is too small; see the *_needed out */
#define TB_E_IO (-7)                /* network or file I/O failed */
#define TB_E_PLUGIN_FAULT (-8)      /* the plugin threw or crashed inside a call */
#define TB_E_NOT_FOUND (-9)         /* no such key, symbol, order, ... */
#define TB_E_REJECTED (-10)         /* the exchange/service refused the request */
#define TB_E_UNKNOWN_OUTCOME (-11)  /* a request may or may not have taken effect */
#define TB_E_AUTH (-12)             /* credentials missing or refused */
#define TB_E_STATE (-13)            /* not allowed in the current lifecycle state */
#define TB_E_INTERNAL (-14)         /* a bug; the message says where */

/* Caller-owned error detail. The callee writes a NUL-terminated message on failure. */
typedef struct tb_error {
  int32_t code;        /* the tb_status returned */
  int32_t remote_code; /* the remote service's own code (e.g. Binance -1021), 0 if none */
  char message[248];   /* what failed, where, and what to do */
} tb_error;

/* Short constant name of a status ("TB_E_TIMEOUT"); never NULL. */
static inline const char* tb_status_name(tb_status s) {
  switch (s) {
    case TB_OK: return "TB_OK";
    case TB_E_INVALID_ARGUMENT: return "TB_E_INVALID_ARGUMENT";
    case TB_E_UNSUPPORTED: return "TB_E_UNSUPPORTED";
    case TB_E_TIMEOUT: return "TB_E_TIMEOUT";
    case TB_E_RATE_LIMITED: return "TB_E_RATE_LIMITED";
    case TB_E_BREAKER_OPEN: return "TB_E_BREAKER_OPEN";
    case TB_E_BUFFER_TOO_SMALL: return "TB_E_BUFFER_TOO_SMALL";
    case TB_E_IO: return "TB_E_IO";
    case TB_E_PLUGIN_FAULT: return "TB_E_PLUGIN_FAULT";
    case TB_E_NOT_FOUND: return "TB_E_NOT_FOUND";
    case TB_E_REJECTED: return "TB_E_REJECTED";
    case TB_E_UNKNOWN_OUTCOME: return "TB_E_UNKNOWN_OUTCOME";
    case TB_E_AUTH: return "TB_E_AUTH";
    case TB_E_STATE: return "TB_E_STATE";
    case TB_E_INTERNAL: return "TB_E_INTERNAL";
    default: return "TB_E_UNKNOWN_STATUS";
  }
}

/* ------------------------------------------------------------------------------------ */
/* Hot-path data: plain structs                                                          */
/* ------------------------------------------------------------------------------------ */

#define TB_CANDLE_CLOSED 1u /* tb_candle.flags: the candle's interval has ended */

/* One OHLCV candle. Arrays of candles are walked with a stride (tb_series.candle_stride), so
 * a later, longer tb_candle stays readable by plugins built against this one. */
typedef struct tb_candle {
  int64_t open_time_ms;  /* UTC epoch milliseconds */
  int64_t close_time_ms; /* last millisecond of the interval (Binance convention) */
  double open, high, low, close;
  double volume;       /* base asset */
  double quote_volume; /* quote asset */
  uint64_t trade_count;
  uint32_t flags; /* TB_CANDLE_* bits */
  uint32_t reserved;
} tb_candle;

/* One symbol's candles at one interval, oldest first. Borrowed for the call. */
typedef struct tb_series {
  uint32_t struct_size;
  uint32_t symbol_id;   /* host-interned, stable for the life of the process */
  const char* symbol;   /* "BTCUSDT" */
  const char* interval; /* "1h" (Binance interval code) */
  uint32_t interval_s;  /* the interval in seconds (1M counts 30 days) */
  uint32_t candle_stride; /* bytes from one candle to the next */
  uint64_t count;
  const tb_candle* candles;
} tb_series;

#define TB_SIDE_LONG 1
#define TB_SIDE_SHORT (-1)

/* A trade idea emitted by a strategy. The host copies it on emit. */
typedef struct tb_signal {
  uint32_t struct_size;
  uint32_t symbol_id;
  const char* symbol;
  int32_t side;         /* TB_SIDE_LONG or TB_SIDE_SHORT */
  uint32_t interval_s;  /* the entry timeframe */
  int64_t time_ms;      /* close time of the candle the signal was decided on */
  double entry;         /* intended entry price */
  double stop_loss;     /* protective stop price */
  double take_profit;   /* target price */
  double confidence;    /* 0..1; ranking key */
  const char* reason;   /* readable list of confluences; may be NULL */
  const char* meta_json;/* optional free-form detail (JSON object); may be NULL */
} tb_signal;

/* What a strategy needs from the host per symbol and interval. */
typedef struct tb_data_need {
  uint32_t struct_size;
  char interval[8]; /* "15m", "4h", ... */
  uint32_t lookback; /* closed candles wanted, newest last */
} tb_data_need;

/* ------------------------------------------------------------------------------------ */
/* Exchange data: cold-path structs with exact decimal strings for money                */
/* ------------------------------------------------------------------------------------ */

#define TB_DECIMAL_CAP 32 /* "12345.678900000000" fits; exact, never rounded by transport */
#define TB_SYMBOL_CAP 32
#define TB_CLIENT_ID_CAP 48 /* Binance allows 36 */
#define TB_ORDER_ID_CAP 32

#define TB_SYMBOL_TRADING 1 /* tb_symbol_info.status */
#define TB_SYMBOL_HALTED 2

typedef struct tb_symbol_info {
  uint32_t struct_size;
  int32_t status;
  char symbol[TB_SYMBOL_CAP];
  char base_asset[16];
  char quote_asset[16];
  char contract_type[16];     /* "PERPETUAL" */
  char tick_size[TB_DECIMAL_CAP];
  char step_size[TB_DECIMAL_CAP];
  char min_qty[TB_DECIMAL_CAP];
  char max_qty[TB_DECIMAL_CAP];
  char min_notional[TB_DECIMAL_CAP];
  int32_t price_precision;
  int32_t quantity_precision;
} tb_symbol_info;

#define TB_ORDER_MARKET 1
#define TB_ORDER_LIMIT 2
#define TB_ORDER_STOP_MARKET 3        /* protective stop; held by the exchange */
#define TB_ORDER_TAKE_PROFIT_MARKET 4 /* target; held by the exchange */

#define TB_TIF_GTC 0
#define TB_TIF_IOC 1
#define TB_TIF_FOK 2
#define TB_TIF_GTX 3 /* post-only */

#define TB_ORDER_REDUCE_ONLY 1u    /* tb_order_request.flags */
#define TB_ORDER_CLOSE_POSITION 2u /* stop/target closes the whole position */

typedef struct tb_order_request {
  uint32_t struct_size;
  int32_t side; /* TB_SIDE_LONG buys, TB_SIDE_SHORT sells */
  int32_t type; /* TB_ORDER_* */
  int32_t time_in_force; /* TB_TIF_*; LIMIT only */
  uint32_t flags;        /* TB_ORDER_* bits */
  uint32_t reserved;
  char symbol[TB_SYMBOL_CAP];
  char quantity[TB_DECIMAL_CAP];   /* on the step-size grid; empty with CLOSE_POSITION */
  char price[TB_DECIMAL_CAP];      /* LIMIT only; on the tick grid */
  char stop_price[TB_DECIMAL_CAP]; /* STOP_MARKET / TAKE_PROFIT_MARKET trigger */
  char client_order_id[TB_CLIENT_ID_CAP]; /* deterministic per intent; makes retries safe */
} tb_order_request;

#define TB_ORDER_STATE_NEW 1
#define TB_ORDER_STATE_PARTIALLY_FILLED 2
#define TB_ORDER_STATE_FILLED 3
#define TB_ORDER_STATE_CANCELED 4
#define TB_ORDER_STATE_REJECTED 5
#define TB_ORDER_STATE_EXPIRED 6
#define TB_ORDER_STATE_TRIGGERED 7 /* a conditional order fired and became a market order */

/* The exchange's view of one order, as acknowledged or as later updated. */
typedef struct tb_order_state {
  uint32_t struct_size;
  int32_t state; /* TB_ORDER_STATE_* */
  int32_t side;
  int32_t type;
  char symbol[TB_SYMBOL_CAP];
  char client_order_id[TB_CLIENT_ID_CAP];
  char exchange_order_id[TB_ORDER_ID_CAP];
  char quantity[TB_DECIMAL_CAP];
  char filled_quantity[TB_DECIMAL_CAP];
  char average_price[TB_DECIMAL_CAP];
  char stop_price[TB_DECIMAL_CAP];
  char last_fill_quantity[TB_DECIMAL_CAP]; /* set on fill updates */
  char last_fill_price[TB_DECIMAL_CAP];
  char commission[TB_DECIMAL_CAP];        /* of the last fill, in commission_asset */
  char commission_asset[16];
  char realized_pnl[TB_DECIMAL_CAP];      /* of the last fill */
  int64_t update_time_ms;
} tb_order_state;

typedef struct tb_position {
  uint32_t struct_size;
  int32_t margin_type; /* 1 cross, 2 isolated */
  char symbol[TB_SYMBOL_CAP];
  char quantity[TB_DECIMAL_CAP]; /* signed: >0 long, <0 short */
  char entry_price[TB_DECIMAL_CAP];
  char mark_price[TB_DECIMAL_CAP];
  char unrealized_pnl[TB_DECIMAL_CAP];
  char liquidation_price[TB_DECIMAL_CAP];
  int32_t leverage;
  int32_t reserved;
  int64_t update_time_ms;
} tb_position;

typedef struct tb_balance {
  uint32_t struct_size;
  char asset[16];
  char wallet_balance[TB_DECIMAL_CAP];
  char available_balance[TB_DECIMAL_CAP];
  char unrealized_pnl[TB_DECIMAL_CAP];
  int64_t update_time_ms;
} tb_balance;

/* One execution of an order, with what it cost and what it realized (ABI 1.2). */
typedef struct tb_fill {
  uint32_t struct_size;
  int32_t side; /* TB_SIDE_LONG bought, TB_SIDE_SHORT sold */
  char symbol[TB_SYMBOL_CAP];
  char client_order_id[TB_CLIENT_ID_CAP]; /* the order asked about */
  char trade_id[TB_ORDER_ID_CAP];         /* the exchange's id of this execution */
  char quantity[TB_DECIMAL_CAP];
  char price[TB_DECIMAL_CAP];
  char commission[TB_DECIMAL_CAP]; /* in commission_asset */
  char commission_asset[16];
  char realized_pnl[TB_DECIMAL_CAP]; /* gross, before the commission */
  int32_t maker;                     /* 1: the order rested and was hit */
  int32_t reserved;
  int64_t time_ms;
} tb_fill;

/* ------------------------------------------------------------------------------------ */
/* Notifications (host -> notifier plugins)                                              */
/* ------------------------------------------------------------------------------------ */

#define TB_SEVERITY_INFO 0
#define TB_SEVERITY_WARNING 1
#define TB_SEVERITY_CRITICAL 2

#define TB_NOTE_MESSAGE 0        /* free text */
#define TB_NOTE_TRADE_OPENED 1
#define TB_NOTE_TRADE_CLOSED 2
#define TB_NOTE_ALERT 3
#define TB_NOTE_ALERT_RESOLVED 4
#define TB_NOTE_DAILY_SUMMARY 5

typedef struct tb_notification {
  uint32_t struct_size;
  int32_t kind;     /* TB_NOTE_* */
  int32_t severity; /* TB_SEVERITY_* */
  int32_t reserved;
  int64_t time_ms;
  const char* key;         /* stable id (alert key, trade id) for de-duplication; may be NULL */
  const char* title;       /* one line */
  const char* body;        /* plain text; may be NULL */
  const char* fields_json; /* JSON object of name -> value for rich rendering; may be NULL */
} tb_notification;

/* ------------------------------------------------------------------------------------ */
/* Host services, handed to every plugin instance (append-only)                          */
/* ------------------------------------------------------------------------------------ */

#define TB_LOG_TRACE 0
#define TB_LOG_DEBUG 1
#define TB_LOG_INFO 2
#define TB_LOG_WARN 3
#define TB_LOG_ERROR 4
#define TB_LOG_CRITICAL 5

/* Rate-limiter lanes: a higher lane is served first when callers wait on one bucket, so
 * protective orders are never starved by scanning. */
#define TB_LANE_BULK 0       /* market-data scans */
#define TB_LANE_NORMAL 1     /* account and position checks */
#define TB_LANE_CRITICAL 2   /* protective orders, cancels */

#define TB_BREAKER_CLOSED 0
#define TB_BREAKER_OPEN 1
#define TB_BREAKER_HALF_OPEN 2

#define TB_METRIC_COUNTER 0   /* record() adds */
#define TB_METRIC_GAUGE 1     /* record() sets */
#define TB_METRIC_HISTOGRAM 2 /* record() observes */

#define TB_HEALTH_HEALTHY 0
#define TB_HEALTH_DEGRADED 1
#define TB_HEALTH_UNHEALTHY 2

typedef struct tb_host_api {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;
  void* ctx; /* opaque; pass it back on every call. Identifies the plugin instance. */

  /* Logging through the host's sinks (console, trading_bot.log). [any] */
  void (*log)(void* ctx, int32_t level, const char* message, size_t length);

  /* Clocks. Wall time is virtual in backtests; monotonic time is for deadlines. [any] */
  int64_t (*wall_ms)(void* ctx);
  int64_t (*monotonic_ns)(void* ctx);

  /* Rate limiter. Buckets are named in the host's configuration ("binance.ip_weight").
   * acquire waits until `weight` tokens are available or the monotonic deadline passes
   * (TB_E_TIMEOUT), or the bucket is paused past the deadline (TB_E_RATE_LIMITED).
   * try_acquire never waits. TB_E_NOT_FOUND for an unknown bucket. [any] */
  tb_status (*rate_acquire)(void* ctx, const char* bucket, uint32_t weight, int32_t lane,
                            int64_t deadline_monotonic_ns);
  tb_status (*rate_try_acquire)(void* ctx, const char* bucket, uint32_t weight, int32_t lane);
  /* The server reported `used` of the bucket's capacity in the current window. */
  void (*rate_report_usage)(void* ctx, const char* bucket, uint64_t used);
  /* Refuse every acquire on the bucket (all buckets when NULL) until that wall time. */
  void (*rate_pause_until)(void* ctx, const char* bucket, int64_t until_wall_ms);

  /* Circuit breakers, created on first use with the configured or default thresholds.
   * allow() is TB_OK or TB_E_BREAKER_OPEN; each allowed call must be reported. [any] */
  tb_status (*breaker_allow)(void* ctx, const char* name);
  void (*breaker_report)(void* ctx, const char* name, int32_t success);
  int32_t (*breaker_state)(void* ctx, const char* name); /* TB_BREAKER_* */

  /* Cache of byte values with a TTL (ttl_ms <= 0: the configured default), namespaced per
   * plugin instance. get copies into buf: TB_E_NOT_FOUND, or TB_E_BUFFER_TOO_SMALL with
   * *length set to the size needed. [any] */
  tb_status (*cache_get)(void* ctx, const char* key, void* buf, size_t capacity, size_t* length);
  tb_status (*cache_put)(void* ctx, const char* key, const void* value, size_t length,
                         int64_t ttl_ms);

  /* Metrics: register once (same name and labels give the same handle), then record by
   * handle with no string work. Returns 0 on a bad name or a type clash. The host adds an
   * instance label. label_names/label_values have label_count entries. [any] */
  uint64_t (*metric_register)(void* ctx, int32_t type, const char* name, const char* help,
                              const char* const* label_names, const char* const* label_values,
                              size_t label_count);
  void (*metric_record)(void* ctx, uint64_t handle, double value);

  /* Health of a component of this instance (NULL: the instance itself). [any] */
  void (*health_update)(void* ctx, const char* component, int32_t state, const char* detail);

  /* Alerts go to every notifier plugin, de-duplicated by key. [any] */
  void (*alert_raise)(void* ctx, const char* key, int32_t severity, const char* title,
                      const char* detail);
  void (*alert_resolve)(void* ctx, const char* key);

  /* This instance's settings from the YAML file, as JSON text (secrets already resolved from
   * the environment). Copies into buf; TB_E_BUFFER_TOO_SMALL with *length when short. [any] */
  tb_status (*config_get)(void* ctx, char* buf, size_t capacity, size_t* length);

  /* Optional services by versioned id ("tb.symbols/1"); NULL when the host has none. [any] */
  const void* (*get_extension)(void* ctx, const char* id);
} tb_host_api;

/* ------------------------------------------------------------------------------------ */
/* Host extensions (ABI 1.5 and later), fetched with tb_host_api.get_extension(ctx, id)   */
/* ------------------------------------------------------------------------------------ */

/* The running bot, for chat commands: what the admin API answers, and pausing new entries.
 * get_extension returns NULL when the host runs no bot (a backtest, `plugins check`). */
#define TB_EXTENSION_BOT_V1 "tb.bot/1"

typedef struct tb_bot_v1 {
  uint32_t struct_size;
  /* A report as a JSON object: "status", "stats" or "positions" (the admin API's
   * /api/status, /api/stats and /api/positions). Copied into buf without a terminating NUL;
   * *length gets its size, and TB_E_BUFFER_TOO_SMALL when it exceeds capacity (buf may be
   * NULL with capacity 0 to ask). TB_E_NOT_FOUND for another name; TB_E_STATE while the bot
   * is starting or stopping. [any] */
  tb_status (*report)(void* ctx, const char* name, char* buf, size_t capacity, size_t* length,
                      tb_error* err);
  /* Stops (paused 1) or resumes (0) taking new entries; protective orders and position
   * monitoring go on either way. Idempotent. `who` names the requester for the host's log
   * ("discord user 123 (alice)"). TB_E_STATE while the bot is starting or stopping. [any] */
  tb_status (*set_paused)(void* ctx, int32_t paused, const char* who, tb_error* err);
} tb_bot_v1;

/* ------------------------------------------------------------------------------------ */
/* Sinks: host-owned callbacks that copy what they receive                              */
/* ------------------------------------------------------------------------------------ */

typedef struct tb_signal_sink {
  uint32_t struct_size;
  void* ctx;
  tb_status (*emit)(void* ctx, const tb_signal* signal); /* [instance] */
} tb_signal_sink;

#define TB_STREAM_CONNECTED 1
#define TB_STREAM_DISCONNECTED 2 /* data may be missing until the next CONNECTED */

/* Pushed exchange data (websocket streams). Called from plugin-owned threads; each callback
 * returns quickly. [any] */
typedef struct tb_market_sink {
  uint32_t struct_size;
  void* ctx;
  void (*on_candle)(void* ctx, const char* symbol, const char* interval,
                    const tb_candle* candle);
  void (*on_order_update)(void* ctx, const tb_order_state* order);
  void (*on_position_update)(void* ctx, const tb_position* position);
  void (*on_balance_update)(void* ctx, const tb_balance* balance);
  void (*on_stream_status)(void* ctx, const char* stream, int32_t status, const char* detail);
} tb_market_sink;

/* ------------------------------------------------------------------------------------ */
/* Plugin interfaces, fetched with get_interface(self, id)                               */
/* ------------------------------------------------------------------------------------ */

#define TB_IFACE_STRATEGY_V1 "tb.strategy/1"
#define TB_IFACE_EXCHANGE_V1 "tb.exchange/1"
#define TB_IFACE_NOTIFIER_V1 "tb.notifier/1"

typedef struct tb_strategy_v1 {
  uint32_t struct_size;
  /* The candles this strategy needs per symbol. [instance] */
  tb_status (*data_needs)(void* self, tb_data_need* out, size_t capacity, size_t* count,
                          tb_error* err);
  /* One scan: every series of the universe (all needed intervals), oldest candle first.
   * Emits zero or more signals. [instance] */
  tb_status (*on_scan)(void* self, const tb_series* series, size_t series_count,
                       const tb_signal_sink* sink, tb_error* err);
  /* Hot-reload hand-over: an opaque blob written by one version, read by the next. */
  tb_status (*save_state)(void* self, char* buf, size_t capacity, size_t* length,
                          tb_error* err);
  tb_status (*load_state)(void* self, const char* buf, size_t length, tb_error* err);
} tb_strategy_v1;

/* Exchange calls are synchronous: the host runs them on its worker pool (so ~50 requests can
 * be in flight) and each returns by `deadline_ns` (monotonic clock) with TB_E_TIMEOUT at the
 * latest. Pushed data goes through a tb_market_sink. docs/sdk.md explains the choice. */
typedef struct tb_exchange_v1 {
  uint32_t struct_size;
  /* Tradable symbols with their filters. count gets the total; TB_E_BUFFER_TOO_SMALL when
   * it exceeds capacity. [worker] */
  tb_status (*list_symbols)(void* self, int64_t deadline_ns, tb_symbol_info* out,
                            size_t capacity, size_t* count, tb_error* err);
  /* Candles in [start_ms, end_ms] (0: unbounded), at most `limit`, oldest first. [worker] */
  tb_status (*fetch_candles)(void* self, const char* symbol, const char* interval,
                             int64_t start_ms, int64_t end_ms, uint32_t limit,
                             int64_t deadline_ns, tb_candle* out, size_t capacity,
                             size_t* count, tb_error* err);
  /* Start or stop pushing kline updates for symbols at an interval to the sink. [control] */
  tb_status (*subscribe_candles)(void* self, const char* const* symbols, size_t symbol_count,
                                 const char* interval, const tb_market_sink* sink,
                                 tb_error* err);
  tb_status (*unsubscribe_candles)(void* self, const char* const* symbols,
                                   size_t symbol_count, const char* interval, tb_error* err);
  /* Account: balances and open positions. [worker] */
  tb_status (*get_balances)(void* self, int64_t deadline_ns, tb_balance* out, size_t capacity,
                            size_t* count, tb_error* err);
  tb_status (*get_positions)(void* self, int64_t deadline_ns, tb_position* out,
                             size_t capacity, size_t* count, tb_error* err);
  /* Orders. place_order is idempotent per client_order_id: on TB_E_UNKNOWN_OUTCOME the host
   * queries by that id before anything is resent. [worker] */
  tb_status (*place_order)(void* self, const tb_order_request* request, int64_t deadline_ns,
                           tb_order_state* ack, tb_error* err);
  tb_status (*cancel_order)(void* self, const char* symbol, const char* client_order_id,
                            int64_t deadline_ns, tb_order_state* result, tb_error* err);
  tb_status (*query_order)(void* self, const char* symbol, const char* client_order_id,
                           int64_t deadline_ns, tb_order_state* result, tb_error* err);
  /* Open orders, including exchange-held stops and targets (symbol NULL: all). [worker] */
  tb_status (*list_open_orders)(void* self, const char* symbol, int64_t deadline_ns,
                                tb_order_state* out, size_t capacity, size_t* count,
                                tb_error* err);
  tb_status (*set_leverage)(void* self, const char* symbol, int32_t leverage,
                            int64_t deadline_ns, tb_error* err);
  tb_status (*set_margin_type)(void* self, const char* symbol, int32_t margin_type,
                               int64_t deadline_ns, tb_error* err);
  /* Order, position and balance updates pushed to the sink until stop(). [control] */
  tb_status (*subscribe_account)(void* self, const tb_market_sink* sink, tb_error* err);
  /* ABI 1.2 (check with TB_HAS). Every fill of the order named client_order_id, oldest first:
   * for a stop or take-profit, the fills of the market order its trigger placed (none before
   * it fired). The only exact source of an order's fees and realized PnL, which order answers
   * lack. count gets the total; TB_E_BUFFER_TOO_SMALL when it exceeds capacity; TB_E_NOT_FOUND
   * when the exchange does not know the id. [worker] */
  tb_status (*get_order_fills)(void* self, const char* symbol, const char* client_order_id,
                               int64_t deadline_ns, tb_fill* out, size_t capacity,
                               size_t* count, tb_error* err);
} tb_exchange_v1;

typedef struct tb_notifier_v1 {
  uint32_t struct_size;
  /* Queue a notification for delivery; returns once it is queued, not delivered. [any] */
  tb_status (*notify)(void* self, const tb_notification* note, tb_error* err);
  /* Deliver what is queued, waiting until the deadline at most. [control] */
  tb_status (*flush)(void* self, int64_t deadline_ns, tb_error* err);
} tb_notifier_v1;

/* ------------------------------------------------------------------------------------ */
/* Optional interfaces (ABI 1.1 and later): a plugin of any kind may answer them          */
/* ------------------------------------------------------------------------------------ */

/* Indicators a plugin can compute over a candle series on request (`tradingbot analyze`).
 * Added in ABI 1.1; a host asks for it with get_interface and treats NULL as "this plugin
 * has no indicators". */
#define TB_IFACE_INDICATORS_V1 "tb.indicators/1"

/* tb_indicator_column.kind: how the values are meant, and so how they are printed. Every value
 * travels as a double; NaN is "no value" (an empty cell). Readers treat a kind they do not
 * know as TB_VALUE_FLOAT64. */
#define TB_VALUE_FLOAT64 1 /* printed as the shortest text that reads back as the double */
#define TB_VALUE_FLOAT32 2 /* already rounded to float; printed as the shortest float text */
#define TB_VALUE_INT32 3   /* whole numbers; printed as integers */

/* One result column: one value per input candle, oldest first. Borrowed for the sink call. */
typedef struct tb_indicator_column {
  uint32_t struct_size;
  int32_t kind;         /* TB_VALUE_* */
  const char* name;     /* "FVG", "Top"; NUL-terminated */
  const double* values; /* count values; NULL only when count is 0 */
  uint64_t count;       /* equals the candle count of the request */
} tb_indicator_column;

/* Host-owned: receives the columns of one compute call, in order, and copies them. A status
 * other than TB_OK makes the plugin stop and return that status. [instance] */
typedef struct tb_indicator_sink {
  uint32_t struct_size;
  void* ctx;
  tb_status (*column)(void* ctx, const tb_indicator_column* column);
} tb_indicator_sink;

typedef struct tb_indicators_v1 {
  uint32_t struct_size;
  /* The indicator names, comma-separated ("fvg,ob,sessions"), copied into buf without a
   * terminating NUL; *length gets the text's length in bytes, and TB_E_BUFFER_TOO_SMALL when
   * it exceeds capacity (buf may be NULL with capacity 0 to ask for the length). [instance] */
  tb_status (*list)(void* self, char* buf, size_t capacity, size_t* length, tb_error* err);
  /* Computes indicator `name` over `candles` (oldest first; its symbol and interval may be
   * empty strings) with the parameters given as text, param_count pairs of
   * param_names[i] = param_values[i] (both arrays may be NULL when param_count is 0), and
   * hands each result column to `sink` before returning. TB_E_INVALID_ARGUMENT, with a
   * message naming it, for an unknown indicator, an unknown parameter or a bad value. On
   * failure the host discards what the sink received. Everything is borrowed for the call.
   * [instance] */
  tb_status (*compute)(void* self, const char* name, const char* const* param_names,
                       const char* const* param_values, size_t param_count,
                       const tb_series* candles, const tb_indicator_sink* sink,
                       tb_error* err);
} tb_indicators_v1;

/* A simulated exchange, whose market moves only when the host moves it (ABI 1.3):
 * backtests and the offline demo run the live pipeline on it under a virtual clock. An
 * exchange plugin offers it when its time is the host's wall_ms(); a host asks for it with
 * get_interface and treats NULL as "this exchange is real". */
#define TB_IFACE_SIMULATOR_V1 "tb.simulator/1"

typedef struct tb_simulator_v1 {
  uint32_t struct_size;
  /* Plays the market up to wall time `until_ms` (not before the last call's): every candle
   * of the plugin's base interval that closes by then, in time order, with what it causes
   * (stop, target and limit fills, liquidations, funding). Order, position and balance
   * updates go to the account sink, and the closed candles of subscribed series to theirs,
   * on the calling thread before it returns. The host sets its clock to until_ms after the
   * call, so a market order placed next fills at the price of that instant. [control] */
  tb_status (*advance_to)(void* self, int64_t until_ms, tb_error* err);
  /* ABI 1.4 (TB_HAS): advance_to, stopping early after the first base candle whose play
   * pushed an order, position or balance update (a fill, a liquidation, a funding charge),
   * so that the host reacts at the time it happened instead of at until_ms. *played_to_ms
   * gets the time played to: the close of that base candle, or until_ms when nothing
   * happened. The host sets its clock to *played_to_ms after the call. [control] */
  tb_status (*advance_to_account_event)(void* self, int64_t until_ms, int64_t* played_to_ms,
                                        tb_error* err);
} tb_simulator_v1;

/* ------------------------------------------------------------------------------------ */
/* The plugin descriptor, returned by the one exported entry symbol                      */
/* ------------------------------------------------------------------------------------ */

#define TB_KIND_EXCHANGE 1
#define TB_KIND_STRATEGY 2
#define TB_KIND_NOTIFIER 3

typedef struct tb_plugin_descriptor {
  uint32_t struct_size;
  uint16_t abi_major; /* TB_ABI_MAJOR the plugin was built against */
  uint16_t abi_minor;
  int32_t kind;       /* TB_KIND_* */
  int32_t reserved;
  const char* id;          /* equals the file name without ".so": [a-z0-9_]+ */
  const char* version;     /* semantic version of the plugin, "1.2.0" */
  const char* description; /* one line */
  const char* build_info;  /* diagnostic: compiler, C++ ABI, SDK version */

  /* Make an instance. `host` outlives the instance. NULL on failure with err set. [control] */
  void* (*create)(const tb_host_api* host, const char* instance_name, tb_error* err);
  /* Begin work (threads, connections). [control] */
  tb_status (*start)(void* self, tb_error* err);
  /* Returns only when no plugin-owned work is running any more. [control] */
  void (*stop)(void* self);
  void (*destroy)(void* self); /* [control] */
  /* A static table for the interface id, or NULL. Valid until destroy. [any] */
  const void* (*get_interface)(void* self, const char* interface_id);
} tb_plugin_descriptor;

typedef const tb_plugin_descriptor* (*tb_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* TB_ABI_H */
