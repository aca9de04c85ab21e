#include "services/order_sender.hpp"

#include "services/order_records.hpp"

namespace tb::host {

bool sent_order::filled() const noexcept { return status.ok() && has_fill(state); }

order_sender::order_sender(order_gateway& gateway, trade_journal& journal, fill_ledger& ledger,
                           const clock& clk, std::chrono::milliseconds call_timeout)
    : gateway_(gateway),
      journal_(journal),
      ledger_(ledger),
      clock_(clk),
      call_timeout_(call_timeout) {}

sent_order order_sender::send(std::int64_t intent_id, order_role role,
                              const tb_order_request& request, const std::string& quantity) {
  const std::string id = request.client_order_id;
  if (!journal_.order_by_client_id(id)) {
    order_record record;
    record.intent_id = intent_id;
    record.client_id = id;
    record.role = role;
    record.type = order_type_name(request.type);
    record.side = order_side_of(request.side);
    record.quantity = quantity;
    if (*request.price != '\0') record.price = request.price;
    if (*request.stop_price != '\0') record.stop_price = request.stop_price;
    record.created_ms = clock_.wall_ms();
    journal_.record_order(record);
  }
  sent_order out;
  out.status = gateway_.place_order(request, deadline_after(clock_, call_timeout_), out.state);
  if (uncertain(out.status.code)) {
    // Never resend blindly: ask for the id first.
    tb_order_state found{};
    const exchange_status asked =
        gateway_.query_order(request.symbol, id, deadline_after(clock_, call_timeout_), found);
    if (asked.ok()) {
      out.status = asked;
      out.state = found;
    }
  }
  order_update update;
  update.client_id = id;
  update.time_ms = clock_.wall_ms();
  if (out.status.ok()) {
    update.state = journal_state(out.state.state);
    if (*out.state.exchange_order_id != '\0') update.exchange_order_id = out.state.exchange_order_id;
    update.filled_quantity = amount(out.state.filled_quantity);
  } else {
    update.state = uncertain(out.status.code) ? order_state::unknown : order_state::rejected;
  }
  journal_.update_order(update);
  if (out.filled()) ledger_.settle(out.state);
  return out;
}

}  // namespace tb::host
