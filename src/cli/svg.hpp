// SVG primitives for the charts of the `prio` tool: escaping, numbers, text,
// rectangles, lines, axes and a horizontal bar chart with interval whiskers.
// Every chart is a self-contained file: <title> and <desc> for screen
// readers (role="img", aria-labelledby), text from a user's file escaped,
// and colours from the Okabe & Ito (2008) palette, which readers with the
// common colour-vision deficiencies can tell apart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prio::cli::svg {

/// Text as XML character data or an attribute value: & < > " ' escaped, and
/// control characters other than tab and line breaks (not allowed in XML 1.0)
/// replaced by U+FFFD.
[[nodiscard]] std::string escape(std::string_view s);

/// A number with `digits` decimals (for coordinates).
[[nodiscard]] std::string fixed(double v, int digits);

/// A label cut to n code points, with an ellipsis when it was longer.
[[nodiscard]] std::string cut(const std::string& s, std::size_t n);

/// The Okabe-Ito palette without black: orange, sky blue, bluish green,
/// yellow, blue, vermillion, reddish purple.
[[nodiscard]] const std::vector<std::string>& palette();

/// An SVG document being written.
class Document {
 public:
  /// Opens the document: size, a white background, <title> and <desc>.
  Document(double width, double height, std::string_view title, std::string_view description);
  /// Text at (x, y); `anchor` start | middle | end; `extra` raw attributes (not user text).
  void text(double x, double y, std::string_view s, std::string_view anchor = "start", std::string_view extra = {});
  void rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra = {});
  void line(double x1, double y1, double x2, double y2, std::string_view stroke, std::string_view extra = {});
  /// Raw markup (for callers composing their own elements; never user text).
  void raw(std::string_view markup) { out_ += markup; }
  /// Closes the document and returns it.
  [[nodiscard]] std::string finish();

 private:
  std::string out_;
};

/// One bar: a label, a value, an optional interval [lo, hi] (NaN: none).
struct Bar {
  std::string label;
  double value = 0;
  double lo = 0;
  double hi = 0;
  std::string note;  ///< shown after the bar (e.g. the value as text)
};

/// A horizontal bar chart on [0, x_max] with whiskers for intervals, the x
/// axis with ticks and an axis label, bars labelled on the left.
[[nodiscard]] std::string bar_chart(std::string_view title, std::string_view description, std::string_view x_label,
                                    const std::vector<Bar>& bars, double x_max);

}  // namespace prio::cli::svg
