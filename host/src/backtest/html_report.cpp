#include "backtest/html_report.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>

namespace tb::host {
namespace {

// Kept apart from the C++ so each reads on its own. Neither may contain "</" + "script"/"style".
constexpr std::string_view style_sheet = R"css(
*{box-sizing:border-box}
body{margin:0;background:#f3f4f6;color:#1f2937;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:20px 24px 40px}
h1{font-size:22px;margin:4px 0 16px}
h2{font-size:16px;margin:0 0 8px}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:14px 16px;margin:0 0 16px}
.row{display:flex;align-items:baseline;justify-content:space-between;gap:12px;flex-wrap:wrap}
.readout{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#4b5563;min-height:17px}
.plot{position:relative;width:100%}
canvas{display:block}
.note,.legend,.empty{color:#6b7280;font-size:12px;margin:6px 0 0}
.legend span{margin-right:14px;white-space:nowrap}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse;font-size:13px}
th,td{padding:4px 10px;border-bottom:1px solid #f0f1f3;text-align:left;white-space:nowrap}
table.summary th{color:#4b5563;font-weight:500}
table.summary td{font-variant-numeric:tabular-nums;font-weight:600}
.scroll{max-height:640px;overflow:auto}
table.trades{width:100%}
table.trades thead th{position:sticky;top:0;background:#f9fafb;color:#4b5563;font-weight:600}
table.trades td.num{text-align:right;font-variant-numeric:tabular-nums}
.win{color:#15803d}.loss{color:#b91c1c}
)css";

// Paints every canvas from the JSON block. X is time (linear), Y the value; axis labels are UTC.
constexpr std::string_view script = R"js(
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('tb-data').textContent);
  var K = {up: '#26a69a', down: '#ef5350', line: '#2563eb', dd: '#dc2626', win: '#2563eb',
           loss: '#f59e0b', grid: '#eceef1', axis: '#9ca3af', text: '#4b5563'};
  var P = {l: 76, r: 14, t: 10, b: 34};
  var HOUR = 3600000, DAY = 24 * HOUR, MONTH = 30 * DAY;
  function p2(n) { return (n < 10 ? '0' : '') + n; }
  function ymd(d) { return d.getUTCFullYear() + '-' + p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()); }
  function hm(d) { return p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()); }
  function stamp(ms) { var d = new Date(ms); return ymd(d) + ' ' + hm(d); }
  function tickLabel(ms, step) {
    var d = new Date(ms);
    if (step < DAY) return p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()) + ' ' + hm(d);
    if (step < MONTH) return ymd(d);
    return d.getUTCFullYear() + '-' + p2(d.getUTCMonth() + 1);
  }
  function timeTicks(t0, t1, most) {
    var steps = [60000, 300000, 900000, 1800000, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
                 DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, MONTH, 2 * MONTH, 3 * MONTH, 6 * MONTH, 12 * MONTH];
    var step = steps[steps.length - 1], out = [], i;
    for (i = 0; i < steps.length; i++) if ((t1 - t0) / steps[i] <= most) { step = steps[i]; break; }
    if (step < MONTH) {
      for (var t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t);
    } else {
      var months = Math.round(step / MONTH), d = new Date(t0), y = d.getUTCFullYear();
      for (var m = Math.floor(d.getUTCMonth() / months) * months, u = Date.UTC(y, m, 1); u <= t1;
           m += months, u = Date.UTC(y, m, 1)) if (u >= t0) out.push(u);
    }
    return {ticks: out, step: step};
  }
  function valueTicks(v0, v1, most) {
    var raw = (v1 - v0) / most, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    var step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p, out = [];
    for (var v = Math.ceil(v0 / step) * step; v <= v1 + step * 1e-9; v += step) out.push(v);
    return {ticks: out, digits: Math.max(0, -Math.floor(Math.log10(step) + 1e-9))};
  }
  function fmt(v, digits) { return (Math.abs(v) < 1e-12 ? 0 : v).toFixed(digits); }
  function range(lists) {
    var lo = Infinity, hi = -Infinity;
    lists.forEach(function (a) { a.forEach(function (v) {
      if (v !== null) { if (v < lo) lo = v; if (v > hi) hi = v; } }); });
    if (lo === Infinity) { lo = 0; hi = 1; }
    if (hi - lo <= Math.abs(hi) * 1e-9) { var e = Math.abs(hi) * 0.01 || 1; lo -= e; hi += e; }
    var pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }
  // Sizes the canvas to its box, draws the grid and the labelled axes; returns the mapping.
  // half: time added on both sides so the first and last candle bodies fit.
  function frame(cv, t, yr, suffix, half) {
    var w = cv.parentNode.clientWidth, h = +cv.getAttribute('data-height'), r = window.devicePixelRatio || 1;
    cv.style.width = w + 'px'; cv.style.height = h + 'px';
    cv.width = Math.round(w * r); cv.height = Math.round(h * r);
    var g = cv.getContext('2d');
    g.setTransform(r, 0, 0, r, 0, 0);
    var t0 = t[0] - (half || 0), t1 = Math.max(t[t.length - 1] + (half || 0), t0 + 1), pw = w - P.l - P.r, ph = h - P.t - P.b;
    var f = {g: g, w: w, h: h, pw: pw, t0: t0, t1: t1,
             x: function (v) { return P.l + (v - t0) / (t1 - t0) * pw; },
             y: function (v) { return P.t + (yr[1] - v) / (yr[1] - yr[0]) * ph; }};
    g.font = '11px system-ui,sans-serif'; g.lineWidth = 1;
    var vt = valueTicks(yr[0], yr[1], Math.max(3, Math.floor(ph / 40)));
    g.textAlign = 'right'; g.textBaseline = 'middle';
    vt.ticks.forEach(function (v) {
      var y = Math.round(f.y(v)) + 0.5;
      g.strokeStyle = K.grid; g.beginPath(); g.moveTo(P.l, y); g.lineTo(w - P.r, y); g.stroke();
      g.fillStyle = K.text; g.fillText(fmt(v, vt.digits) + (suffix || ''), P.l - 6, y);
    });
    var tt = timeTicks(t0, t1, Math.max(2, Math.floor(pw / 120)));
    g.textAlign = 'center'; g.textBaseline = 'top';
    tt.ticks.forEach(function (v) {
      var x = Math.round(f.x(v)) + 0.5;
      g.strokeStyle = K.grid; g.beginPath(); g.moveTo(x, P.t); g.lineTo(x, h - P.b); g.stroke();
      g.fillStyle = K.text; g.fillText(tickLabel(v, tt.step), x, h - P.b + 5);
    });
    g.textAlign = 'right'; g.fillStyle = K.axis; g.fillText('UTC', w - P.r, h - P.b + 19);
    g.strokeStyle = K.axis; g.strokeRect(P.l + 0.5, P.t + 0.5, pw, ph);
    g.save(); g.beginPath(); g.rect(P.l, P.t, pw, ph); g.clip();
    return f;
  }
  function polyline(f, t, v, color, fill) {
    var g = f.g, started = false, i;
    g.beginPath();
    for (i = 0; i < t.length; i++) {
      if (v[i] === null) continue;
      if (!started) { g.moveTo(f.x(t[i]), f.y(v[i])); started = true; } else g.lineTo(f.x(t[i]), f.y(v[i]));
    }
    g.strokeStyle = color; g.lineWidth = 1.5; g.stroke();
    if (fill && started) {
      g.lineTo(f.x(t[t.length - 1]), f.y(0)); g.lineTo(f.x(t[0]), f.y(0)); g.closePath();
      g.globalAlpha = 0.15; g.fillStyle = color; g.fill(); g.globalAlpha = 1;
    }
  }
  function marker(g, x, y, shape, color) {
    g.beginPath();
    if (shape === 1) { g.moveTo(x, y - 6); g.lineTo(x + 5, y + 3); g.lineTo(x - 5, y + 3); }
    else if (shape === -1) { g.moveTo(x, y + 6); g.lineTo(x + 5, y - 3); g.lineTo(x - 5, y - 3); }
    else g.arc(x, y, 4, 0, 2 * Math.PI);
    g.closePath(); g.fillStyle = color; g.fill();
    g.lineWidth = 1; g.strokeStyle = '#111827'; g.stroke();
  }
  function drawCurve(cv, c, fill, suffix) {
    var f = frame(cv, c.t, fill ? range([c.v, [0]]) : range([c.v]), suffix);
    polyline(f, c.t, c.v, fill ? K.dd : K.line, fill);
    f.g.restore();
    return f;
  }
  function drawCandles(cv, s) {
    var n = s.t.length, half = n > 1 ? (s.t[n - 1] - s.t[0]) / (n - 1) / 2 : HOUR / 2;
    var f = frame(cv, s.t, range([s.l, s.h, s.tr.map(function (x) { return x[3]; }),
                                  s.tr.map(function (x) { return x[4]; })]), '', half);
    var g = f.g, bw = Math.max(1, f.pw / Math.max(1, s.t.length) * 0.7), i;
    for (i = 0; i < s.t.length; i++) {
      if (s.o[i] === null || s.h[i] === null || s.l[i] === null || s.c[i] === null) continue;
      var x = f.x(s.t[i]), color = s.c[i] >= s.o[i] ? K.up : K.down;
      g.strokeStyle = color; g.lineWidth = 1;
      g.beginPath(); g.moveTo(Math.round(x) + 0.5, f.y(s.h[i])); g.lineTo(Math.round(x) + 0.5, f.y(s.l[i])); g.stroke();
      var top = f.y(Math.max(s.o[i], s.c[i])), bottom = f.y(Math.min(s.o[i], s.c[i]));
      g.fillStyle = color; g.fillRect(x - bw / 2, top, bw, Math.max(1, bottom - top));
    }
    s.tr.forEach(function (tr) {
      var color = tr[5] > 0 ? K.win : K.loss, x0 = f.x(tr[1]), y0 = f.y(tr[3]), x1 = f.x(tr[2]), y1 = f.y(tr[4]);
      g.setLineDash([4, 3]); g.strokeStyle = color; g.lineWidth = 1.5;
      g.beginPath(); g.moveTo(x0, y0); g.lineTo(x1, y1); g.stroke(); g.setLineDash([]);
      marker(g, x0, y0, tr[0] < 0 ? -1 : 1, color);
      marker(g, x1, y1, 0, color);
    });
    g.restore();
    return f;
  }
  function nearest(t, v) {
    var lo = 0, hi = t.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (t[mid] <= v) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function hook(cv, f, text) {
    var out = cv.closest('.card').querySelector('.readout');
    cv.onmousemove = function (e) {
      var x = e.clientX - cv.getBoundingClientRect().left;
      if (x < P.l || x > f.w - P.r) { out.textContent = ''; return; }
      out.textContent = text(f.t0 + (x - P.l) / f.pw * (f.t1 - f.t0));
    };
    cv.onmouseleave = function () { out.textContent = ''; };
  }
  function num(v) { return v === null ? '-' : String(v); }
  function drawAll() {
    document.querySelectorAll('canvas[data-kind]').forEach(function (cv) {
      var kind = cv.getAttribute('data-kind');
      if (kind === 'candles') {
        var s = D.charts[+cv.getAttribute('data-index')], f = drawCandles(cv, s);
        hook(cv, f, function (t) { var i = nearest(s.t, t);
          return stamp(s.t[i]) + '  O ' + num(s.o[i]) + '  H ' + num(s.h[i]) + '  L ' + num(s.l[i]) + '  C ' + num(s.c[i]); });
      } else {
        var c = D[kind], dd = kind === 'drawdown', g = drawCurve(cv, c, dd, dd ? '%' : '');
        hook(cv, g, function (t) { var i = nearest(c.t, t);
          return stamp(c.t[i]) + '  ' + (dd ? 'drawdown ' + num(c.v[i]) + '%' : 'equity ' + num(c.v[i])); });
      }
    });
  }
  drawAll();
  var pending = 0;
  window.addEventListener('resize', function () { clearTimeout(pending); pending = setTimeout(drawAll, 100); });
})();
)js";

void append_escaped_html(std::string& out, std::string_view text) {
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
}

// %.Ng without the locale: 8 significant digits for prices, trailing zeros dropped.
void append_number(std::string& out, double value, int significant_digits) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::general, significant_digits);
  out.append(buffer.data(), result.ptr);
}

void append_integer(std::string& out, std::int64_t value) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

std::string format_number(double value, int significant_digits) {
  std::string out;
  append_number(out, value, significant_digits);
  return out == "null" ? "-" : out;
}

std::string format_money(double value) {
  if (!std::isfinite(value) || std::fabs(value) >= 1e15) return format_number(value, 8);
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::fixed, 2);
  return std::string(buffer.data(), result.ptr);
}

// "2024-03-01 13:00" in UTC.
std::string format_utc(std::int64_t time_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> at{milliseconds{time_ms}};
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss<milliseconds> time{at - day};
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u %02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()));
  return buffer.data();
}

struct curve {
  std::vector<std::int64_t> time_ms;
  std::vector<double> value;
};

// Per bucket: the first point, then the lowest and the highest in time order (each once); and
// the very last point, so the curve ends where the run ended.
curve thin_curve(const curve& in, std::size_t max_points) {
  const std::size_t n = in.time_ms.size();
  if (n <= max_points) return in;
  const std::size_t bucket = (n * 3 + max_points - 1) / max_points;
  curve out;
  std::size_t last = n;
  const auto keep = [&](std::size_t i) {
    if (i == last) return;
    out.time_ms.push_back(in.time_ms[i]);
    out.value.push_back(in.value[i]);
    last = i;
  };
  for (std::size_t begin = 0; begin < n; begin += bucket) {
    const std::size_t end = std::min(n, begin + bucket);
    std::size_t low = begin;
    std::size_t high = begin;
    for (std::size_t i = begin; i < end; ++i) {
      if (in.value[i] < in.value[low]) low = i;
      if (in.value[i] > in.value[high]) high = i;
    }
    keep(begin);
    keep(std::min(low, high));
    keep(std::max(low, high));
  }
  keep(n - 1);
  return out;
}

curve equity_curve(const report_data& data) {
  curve out;
  for (const auto& [time_ms, equity] : data.equity) {
    out.time_ms.push_back(time_ms);
    out.value.push_back(equity);
  }
  return out;
}

// Percent below the running peak; 0 while the peak is not positive (no meaningful ratio), unknown
// (NaN, embedded as null) where the equity is not finite.
curve drawdown_curve(const curve& equity) {
  curve out{equity.time_ms, {}};
  double peak = -std::numeric_limits<double>::infinity();
  for (const double value : equity.value) {
    if (std::isfinite(value)) peak = std::max(peak, value);
    if (!std::isfinite(value)) out.value.push_back(std::numeric_limits<double>::quiet_NaN());
    else out.value.push_back(peak > 0 ? (value / peak - 1.0) * 100.0 : 0.0);
  }
  return out;
}

template <typename T, typename Append>
void append_array(std::string& out, const std::vector<T>& values, Append append) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append(out, values[i]);
  }
  out += ']';
}

void append_curve_json(std::string& out, const curve& c, int significant_digits) {
  out += "{\"t\":";
  append_array(out, c.time_ms, append_integer);
  out += ",\"v\":";
  append_array(out, c.value, [&](std::string& o, double v) { append_number(o, v, significant_digits); });
  out += '}';
}

void append_chart_json(std::string& out, const report_series& series, const std::vector<report_trade>& trades) {
  const auto candles = downsample_candles(series.candles, report_max_candles);
  const auto price = [](std::string& o, double v) { append_number(o, v, 8); };
  const auto column = [&](const char* name, auto field) {
    std::vector<double> values;
    values.reserve(candles.size());
    for (const auto& c : candles) values.push_back(c.*field);
    out += name;
    append_array(out, values, price);
  };
  out += "{\"t\":";
  append_array(out, candles, [](std::string& o, const report_candle& c) { append_integer(o, c.time_ms); });
  column(",\"o\":", &report_candle::open);
  column(",\"h\":", &report_candle::high);
  column(",\"l\":", &report_candle::low);
  column(",\"c\":", &report_candle::close);
  out += ",\"tr\":[";
  bool first = true;
  for (const auto& trade : trades) {
    if (trade.symbol != series.symbol) continue;
    out += first ? "[" : ",[";
    first = false;
    out += trade.side < 0 ? "-1," : "1,";
    append_integer(out, trade.opened_ms);
    out += ',';
    append_integer(out, trade.closed_ms);
    out += ',';
    price(out, trade.entry_price);
    out += ',';
    price(out, trade.exit_price);
    out += trade.net_pnl > 0 ? ",1]" : ",0]";
  }
  out += "]}";
}

// Numbers only: every text stays in the escaped HTML, so nothing here can end the script.
// {"equity":{"t":[ms],"v":[equity]}, "drawdown":{"t":[ms],"v":[percent]},
//  "charts":[{"t":[ms],"o":[],"h":[],"l":[],"c":[],"tr":[[side,opened_ms,closed_ms,entry,exit,win]]}]}
std::string data_json(const report_data& data) {
  const curve equity = equity_curve(data);
  std::string out = "{\"equity\":";
  append_curve_json(out, thin_curve(equity, report_max_curve_points), 8);
  out += ",\"drawdown\":";
  append_curve_json(out, thin_curve(drawdown_curve(equity), report_max_curve_points), 4);
  out += ",\"charts\":[";
  for (std::size_t i = 0; i < data.charts.size(); ++i) {
    if (i > 0) out += ',';
    append_chart_json(out, data.charts[i], data.trades);
  }
  out += "]}";
  return out;
}

void append_head(std::string& out, const report_data& data) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  append_escaped_html(out, data.title);
  out += "</title>\n<style>";
  out += style_sheet;
  out += "</style>\n</head>\n<body>\n<main>\n<h1>";
  append_escaped_html(out, data.title);
  out += "</h1>\n";
}

void append_summary(std::string& out, const report_data& data) {
  out += "<section class=\"card\" id=\"summary\"><h2>Summary</h2>\n";
  if (data.summary.empty()) out += "<p class=\"empty\">No summary.</p>\n";
  else {
    out += "<table class=\"summary\"><tbody>\n";
    for (const auto& [label, value] : data.summary) {
      out += "<tr><th>";
      append_escaped_html(out, label);
      out += "</th><td>";
      append_escaped_html(out, value);
      out += "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
}

void append_plot(std::string& out, std::string_view attributes, int height) {
  out += "<div class=\"plot\"><canvas ";
  out += attributes;
  out += " data-height=\"";
  append_integer(out, height);
  out += "\" height=\"";
  append_integer(out, height);
  out += "\"></canvas></div>\n";
}

void append_curves(std::string& out, const report_data& data) {
  const auto card = [&](const char* id, const char* title, int height) {
    out += "<section class=\"card\" id=\"";
    out += id;
    out += "\"><div class=\"row\"><h2>";
    out += title;
    out += "</h2><div class=\"readout\"></div></div>\n";
    if (data.equity.empty()) out += "<p class=\"empty\">No equity data.</p>\n";
    else append_plot(out, std::string("data-kind=\"") + id + "\"", height);
    out += "</section>\n";
  };
  card("equity", "Equity", 280);
  card("drawdown", "Drawdown (% below the running peak)", 170);
}

void append_chart(std::string& out, const report_data& data, std::size_t index) {
  const report_series& series = data.charts[index];
  const std::size_t trades = static_cast<std::size_t>(std::count_if(
      data.trades.begin(), data.trades.end(), [&](const report_trade& t) { return t.symbol == series.symbol; }));
  out += "<section class=\"card chart\"><div class=\"row\"><h2>";
  append_escaped_html(out, series.symbol);
  if (!series.interval.empty()) {
    out += " &middot; ";
    append_escaped_html(out, series.interval);
  }
  out += "</h2><div class=\"readout\"></div></div>\n";
  if (series.candles.empty()) {
    out += "<p class=\"empty\">No candles.</p>\n</section>\n";
    return;
  }
  append_plot(out, "data-kind=\"candles\" data-index=\"" + std::to_string(index) + "\"", 380);
  out += "<p class=\"legend\"><span><i class=\"sw\" style=\"background:#26a69a\"></i>up</span>"
         "<span><i class=\"sw\" style=\"background:#ef5350\"></i>down</span>"
         "<span>&#9650; long entry &#9660; short entry &#9679; exit, dashed to the exit</span>"
         "<span><i class=\"sw\" style=\"background:#2563eb\"></i>win</span>"
         "<span><i class=\"sw\" style=\"background:#f59e0b\"></i>loss</span></p>\n";
  const std::size_t drawn = downsample_candles(series.candles, report_max_candles).size();
  out += "<p class=\"note\">" + std::to_string(series.candles.size()) + " candles, " + std::to_string(trades) +
         " trades";
  if (drawn < series.candles.size())
    out += "; drawn as " + std::to_string(drawn) + " bars of " +
           std::to_string((series.candles.size() + report_max_candles - 1) / report_max_candles) +
           " candles (OHLC aggregated)";
  out += ".</p>\n</section>\n";
}

void append_trade_row(std::string& out, std::size_t number, const report_trade& trade) {
  const auto cell = [&](std::string_view text, const char* cls = nullptr) {
    out += cls ? std::string("<td class=\"") + cls + "\">" : std::string("<td>");
    append_escaped_html(out, text);
    out += "</td>";
  };
  out += "<tr>";
  cell(std::to_string(number), "num");
  cell(trade.symbol);
  cell(trade.side < 0 ? "short" : "long");
  cell(format_utc(trade.opened_ms));
  cell(format_utc(trade.closed_ms));
  cell(format_number(trade.entry_price, 8), "num");
  cell(format_number(trade.exit_price, 8), "num");
  cell(format_money(trade.net_pnl), trade.net_pnl > 0 ? "num win" : "num loss");
  cell(trade.exit_reason);
  out += "</tr>\n";
}

void append_trades(std::string& out, const report_data& data) {
  out += "<section class=\"card\" id=\"trades\"><h2>Trades (" + std::to_string(data.trades.size()) + ")</h2>\n";
  if (data.trades.empty()) {
    out += "<p class=\"empty\">No trades.</p>\n</section>\n";
    return;
  }
  out += "<div class=\"scroll\"><table class=\"trades\"><thead><tr><th>#</th><th>Symbol</th><th>Side</th>"
         "<th>Opened (UTC)</th><th>Closed (UTC)</th><th>Entry</th><th>Exit</th><th>Net PnL</th>"
         "<th>Exit reason</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < data.trades.size(); ++i) append_trade_row(out, i + 1, data.trades[i]);
  out += "</tbody></table></div>\n</section>\n";
}

}  // namespace

std::vector<report_candle> downsample_candles(const std::vector<report_candle>& candles, std::size_t max_candles) {
  if (max_candles == 0 || candles.size() <= max_candles) return candles;
  const std::size_t bucket = (candles.size() + max_candles - 1) / max_candles;
  std::vector<report_candle> out;
  out.reserve((candles.size() + bucket - 1) / bucket);
  for (std::size_t begin = 0; begin < candles.size(); begin += bucket) {
    const std::size_t end = std::min(candles.size(), begin + bucket);
    report_candle merged = candles[begin];
    for (std::size_t i = begin + 1; i < end; ++i) {
      merged.high = std::max(merged.high, candles[i].high);
      merged.low = std::min(merged.low, candles[i].low);
    }
    merged.close = candles[end - 1].close;
    out.push_back(merged);
  }
  return out;
}

std::string render_html_report(const report_data& data) {
  std::string out;
  append_head(out, data);
  append_summary(out, data);
  append_curves(out, data);
  for (std::size_t i = 0; i < data.charts.size(); ++i) append_chart(out, data, i);
  append_trades(out, data);
  out += "</main>\n<noscript><p style=\"text-align:center\">The charts need JavaScript; the tables above do "
         "not.</p></noscript>\n<script id=\"tb-data\" type=\"application/json\">";
  out += data_json(data);
  out += "</script>\n<script>";
  out += script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace tb::host
