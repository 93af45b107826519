#include "svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "common.hpp"

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

std::string number(double v) { return std::isnan(v) ? std::string("n/a") : human_number(v); }

std::string cut(const std::string& s, std::size_t n) {
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cps == n) return s.substr(0, i) + "\u2026";
    ++cps;
  }
  return s;
}

namespace {
// Advance widths of DejaVu Sans Book for ' ' .. '~', in thousandths of an em.
constexpr std::array<short, 95> ascii_width{
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,  // space ../
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,  // 0 .. ?
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,  // @ .. O
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,  // P .. _
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,  // ` .. o
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};      // p .. ~
// The ellipsis U+2026 is 1000 in DejaVu Sans, as any non-ASCII code point here.
}  // namespace

double text_width(std::string_view s, double size, bool bold) {
  double em = 0;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) em += ascii_width[u - 0x20];
    else if ((u & 0xC0) != 0x80) em += 1000;  // the first byte of a code point (or a control character)
  }
  return em / 1000 * size * (bold ? 1.12 : 1.0);
}

std::string fit(const std::string& s, double max_width, double size, bool bold) {
  if (text_width(s, size, bold) <= max_width) return s;
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i) cps += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  while (cps > 0) {
    --cps;
    std::string c = cut(s, cps);
    if (text_width(c, size, bold) <= max_width) return c;
  }
  return "";
}

const std::vector<std::string>& palette() {
  static const std::vector<std::string> p{"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"};
  return p;
}

std::string diverging(double v) {
  if (std::isnan(v)) return "#dddddd";
  v = std::clamp(v, -1.0, 1.0);
  // Blue #0072B2 for +1, vermillion #D55E00 for -1, white at 0.
  const double r1 = v >= 0 ? 0x00 : 0xD5, g1 = v >= 0 ? 0x72 : 0x5E, b1 = v >= 0 ? 0xB2 : 0x00;
  const double t = std::abs(v);
  auto mix = [t](double end) { return static_cast<int>(std::lround(255 + (end - 255) * t)); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", mix(r1), mix(g1), mix(b1));
  return buf;
}

bool Box::intersects(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }

Document::Document(double width, double height, std::string_view title, std::string_view description) {
  const std::string w = fixed(width, 0), h = fixed(height, 0);
  out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
         "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
         "font-size=\"12\">\n";
  out_ += "<title id=\"chart-title\">" + escape(title) + "</title>\n";
  out_ += "<desc id=\"chart-desc\">" + escape(description) + "</desc>\n";
  out_ += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
}

Box Document::text_box(double x, double y, std::string_view s, Anchor anchor, const Font& font) {
  const double w = text_width(s, font.size, font.bold);
  const double left = anchor == Anchor::start ? x : anchor == Anchor::middle ? x - w / 2 : x - w;
  // Ascent of capitals and descent of g, p, y in DejaVu Sans: about 0.8 and 0.25 em.
  return Box{left, y - 0.8 * font.size, w, 1.05 * font.size};
}

bool Document::free(const Box& b) const {
  return std::none_of(boxes_.begin(), boxes_.end(), [&b](const Box& o) { return b.intersects(o); });
}

Box Document::text(double x, double y, std::string_view s, Anchor anchor, const Font& font) {
  out_ += "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\"";
  if (anchor == Anchor::middle) out_ += " text-anchor=\"middle\"";
  if (anchor == Anchor::end) out_ += " text-anchor=\"end\"";
  if (font.size != 12) out_ += " font-size=\"" + fixed(font.size, 0) + "\"";
  if (font.bold) out_ += " font-weight=\"bold\"";
  if (!font.fill.empty()) out_ += " fill=\"" + font.fill + "\"";
  out_ += ">" + escape(s) + "</text>\n";
  const Box b = text_box(x, y, s, anchor, font);
  boxes_.push_back(b);
  texts_.emplace_back(s);
  return b;
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

void Document::begin_group(std::string_view tooltip) { out_ += "<g><title>" + escape(tooltip) + "</title>"; }

double Document::legend(double x, double y, const std::vector<std::pair<std::string, std::string>>& items) {
  for (const auto& [label, colour] : items) {
    rect(x, y - 10, 12, 12, colour, "stroke=\"#333333\" stroke-width=\"0.5\"");
    const Box b = text(x + 16, y, label);
    x = b.x + b.w + 14;
  }
  return x;
}

std::string Document::overlap() const {
  for (std::size_t i = 0; i < boxes_.size(); ++i)
    for (std::size_t j = i + 1; j < boxes_.size(); ++j)
      if (boxes_[i].intersects(boxes_[j])) return "\"" + texts_[i] + "\" and \"" + texts_[j] + "\"";
  return "";
}

std::string Document::finish() {
  const std::string o = overlap();
  out_ += "<!-- layout check: " + std::to_string(boxes_.size()) + " text boxes, " +
          (o.empty() ? std::string("none overlapping") : "OVERLAPPING: " + escape(o)) + " -->\n";
  out_ += "</svg>\n";
  return std::move(out_);
}

double Scale::operator()(double v) const {
  if (!(hi > lo)) return p0;
  return p0 + (p1 - p0) * (std::clamp(v, lo, hi) - lo) / (hi - lo);
}

std::vector<double> Scale::ticks(int about) const {
  std::vector<double> out;
  if (!(hi > lo) || !std::isfinite(hi - lo)) return {lo};
  const double raw = (hi - lo) / std::max(about, 1);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  double step = p;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p * 1.0000001) {
      step = m * p;
      break;
    }
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1) out.push_back(k * step == 0 ? 0.0 : k * step);
  return out;
}

void x_axis(Document& d, const Scale& s, double y, double grid_top, std::string_view title, std::string (*label_of)(double),
            int ticks) {
  double last_right = -1e300;
  for (const double v : s.ticks(ticks)) {
    const double x = s(v);
    d.line(x, grid_top, x, y, "#dddddd");
    d.line(x, y, x, y + 4, "#333333");
    const std::string label = label_of ? label_of(v) : number(v);
    const Box b = Document::text_box(x, y + 16, label, Anchor::middle);
    if (b.x <= last_right + 4 || !d.free(b)) continue;  // never crowd the labels
    d.text(x, y + 16, label, Anchor::middle, {.size = 12, .bold = false, .fill = "#333333"});
    last_right = b.x + b.w;
  }
  d.line(std::min(s.p0, s.p1), y, std::max(s.p0, s.p1), y, "#333333");
  d.text((s.p0 + s.p1) / 2, y + 36, title, Anchor::middle, {.size = 12, .bold = true, .fill = {}});
}

std::string bar_chart(std::string_view title, std::string_view description, std::string_view x_label, const std::vector<Bar>& bars,
                      double x_max) {
  double label_w = 30, note_w = 30;
  std::vector<std::string> labels;
  for (const auto& b : bars) {
    labels.push_back(fit(b.label, 220));
    label_w = std::max(label_w, text_width(labels.back()));
    note_w = std::max(note_w, text_width(b.note));
  }
  const double left = 24 + label_w, plot_w = 420, right = 16 + note_w;
  const double top = 50, bar_h = 26, gap = 10;
  const double plot_h = static_cast<double>(bars.size()) * (bar_h + gap) + gap;
  const double x_label_w = text_width(x_label, 12, true);
  const double width = std::max(left + plot_w + right, left + plot_w / 2 + x_label_w / 2 + 16);
  const double height = top + plot_h + 60;
  if (!(x_max > 0) || !std::isfinite(x_max)) x_max = 1;
  const Scale xs{0, x_max, left, left + plot_w};
  Document d(std::max(width, text_width(title, 15, true) + 32), height, title, description);
  d.text(16, 24, title, Anchor::start, {.size = 15, .bold = true, .fill = {}});
  x_axis(d, xs, top + plot_h, top, x_label);
  d.line(left, top, left, top + plot_h, "#333333");
  const auto& colours = palette();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + gap + static_cast<double>(i) * (bar_h + gap);
    d.begin_group(b.label + ": " + b.note);
    d.text(left - 8, y + bar_h / 2 + 4, labels[i], Anchor::end);
    if (std::isfinite(b.value)) d.rect(left, y, xs(b.value) - left, bar_h, colours[i % colours.size()], "stroke=\"#333333\" stroke-width=\"0.5\"");
    if (std::isfinite(b.lo) && std::isfinite(b.hi)) {
      const double cy = y + bar_h / 2;
      d.line(xs(b.lo), cy, xs(b.hi), cy, "#000000", "stroke-width=\"1.5\"");
      d.line(xs(b.lo), cy - 6, xs(b.lo), cy + 6, "#000000", "stroke-width=\"1.5\"");
      d.line(xs(b.hi), cy - 6, xs(b.hi), cy + 6, "#000000", "stroke-width=\"1.5\"");
    }
    d.text(left + plot_w + 6, y + bar_h / 2 + 4, b.note);
    d.end_group();
  }
  return d.finish();
}

}  // namespace prio::cli::svg
