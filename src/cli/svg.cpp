#include "svg.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace prio::cli::svg {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

std::string fixed(double v, int digits) {
  std::ostringstream os;
  os.precision(digits);
  os << std::fixed << v;
  return os.str();
}

std::string cut(const std::string& s, std::size_t n) {
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cps == n) return s.substr(0, i) + "\u2026";
    ++cps;
  }
  return s;
}

const std::vector<std::string>& palette() {
  static const std::vector<std::string> p{"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"};
  return p;
}

Document::Document(double width, double height, std::string_view title, std::string_view description) {
  const std::string w = fixed(width, 0), h = fixed(height, 0);
  out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
         "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  out_ += "<title id=\"chart-title\">" + escape(title) + "</title>\n";
  out_ += "<desc id=\"chart-desc\">" + escape(description) + "</desc>\n";
  out_ += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
}

void Document::text(double x, double y, std::string_view s, std::string_view anchor, std::string_view extra) {
  out_ += "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\"";
  if (anchor != "start") out_ += " text-anchor=\"" + std::string(anchor) + "\"";
  if (!extra.empty()) out_ += " " + std::string(extra);
  out_ += ">" + escape(s) + "</text>\n";
}

void Document::rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra) {
  out_ += "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" width=\"" + fixed(std::max(w, 0.0), 1) + "\" height=\"" +
          fixed(std::max(h, 0.0), 1) + "\" fill=\"" + std::string(fill) + "\"";
  if (!extra.empty()) out_ += " " + std::string(extra);
  out_ += "/>\n";
}

void Document::line(double x1, double y1, double x2, double y2, std::string_view stroke, std::string_view extra) {
  out_ += "<line x1=\"" + fixed(x1, 1) + "\" y1=\"" + fixed(y1, 1) + "\" x2=\"" + fixed(x2, 1) + "\" y2=\"" + fixed(y2, 1) +
          "\" stroke=\"" + std::string(stroke) + "\"";
  if (!extra.empty()) out_ += " " + std::string(extra);
  out_ += "/>\n";
}

std::string Document::finish() {
  out_ += "</svg>\n";
  return std::move(out_);
}

std::string bar_chart(std::string_view title, std::string_view description, std::string_view x_label, const std::vector<Bar>& bars,
                      double x_max) {
  // Margins from the longest label and note (about 7 px per character at 12 px).
  std::size_t label_chars = 4, note_chars = 4;
  auto chars = [](const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  for (const auto& b : bars) {
    label_chars = std::max(label_chars, std::min<std::size_t>(chars(b.label), 27));
    note_chars = std::max(note_chars, chars(b.note));
  }
  const double left = 24 + 7.0 * static_cast<double>(label_chars), right = 16 + 7.0 * static_cast<double>(note_chars);
  const double top = 50, bar_h = 26, gap = 10, plot_w = 420;
  const double plot_h = static_cast<double>(bars.size()) * (bar_h + gap) + gap;
  const double width = left + plot_w + right, height = top + plot_h + 60;
  if (!(x_max > 0) || !std::isfinite(x_max)) x_max = 1;
  auto xs = [&](double v) { return left + plot_w * std::clamp(v, 0.0, x_max) / x_max; };
  Document d(width, height, title, description);
  d.text(16, 24, title, "start", "font-size=\"15\" font-weight=\"bold\"");
  // Grid and x axis with five ticks.
  for (int t = 0; t <= 5; ++t) {
    const double v = x_max * t / 5, x = xs(v);
    d.line(x, top, x, top + plot_h, "#dddddd");
    d.text(x, top + plot_h + 16, fixed(v, x_max < 10 ? 2 : 0), "middle", "fill=\"#333333\"");
  }
  d.line(left, top + plot_h, left + plot_w, top + plot_h, "#333333");
  d.line(left, top, left, top + plot_h, "#333333");
  d.text(left + plot_w / 2, top + plot_h + 40, x_label, "middle", "font-weight=\"bold\"");
  const auto& colours = palette();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + gap + static_cast<double>(i) * (bar_h + gap);
    d.raw("<g>");
    d.raw("<title>" + escape(b.label + ": " + b.note) + "</title>");
    d.text(left - 8, y + bar_h / 2 + 4, cut(b.label, 26), "end");
    if (std::isfinite(b.value)) d.rect(left, y, xs(b.value) - left, bar_h, colours[i % colours.size()], "stroke=\"#333333\" stroke-width=\"0.5\"");
    if (std::isfinite(b.lo) && std::isfinite(b.hi)) {
      const double cy = y + bar_h / 2;
      d.line(xs(b.lo), cy, xs(b.hi), cy, "#000000", "stroke-width=\"1.5\"");
      d.line(xs(b.lo), cy - 6, xs(b.lo), cy + 6, "#000000", "stroke-width=\"1.5\"");
      d.line(xs(b.hi), cy - 6, xs(b.hi), cy + 6, "#000000", "stroke-width=\"1.5\"");
    }
    d.text(left + plot_w + 6, y + bar_h / 2 + 4, b.note);
    d.raw("</g>\n");
  }
  return d.finish();
}

}  // namespace prio::cli::svg
