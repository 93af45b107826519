// SVG primitives for the pictures of the `prio` tool: escaping, numbers for
// people, text measurement, a document that records every text box it places
// (so a layout can ask whether a place is free and a test can check that no
// two labels overlap), axes, colours, legends and a horizontal bar chart with
// interval whiskers.
//
// Every picture is a self-contained file: <title> and <desc> for screen
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

/// A number for people, rounded as the tables round it (human_number: 6
/// significant digits, so 1813.3333333335 is "1813.33").
[[nodiscard]] std::string number(double v);

/// A label cut to n code points, with an ellipsis when it was longer.
[[nodiscard]] std::string cut(const std::string& s, std::size_t n);

/// The estimated width in pixels of `s` at `size` px: advance widths of DejaVu
/// Sans (what librsvg falls back to on Linux; Helvetica and Arial are
/// narrower, so the estimate errs wide), bold 12% wider, any non-ASCII code
/// point one em. The one text measurement every layout uses.
[[nodiscard]] double text_width(std::string_view s, double size = 12, bool bold = false);

/// `s` cut (with an ellipsis) so that text_width(result) <= max_width.
[[nodiscard]] std::string fit(const std::string& s, double max_width, double size = 12, bool bold = false);

/// The Okabe-Ito palette without black: orange, sky blue, bluish green,
/// yellow, blue, vermillion, reddish purple.
[[nodiscard]] const std::vector<std::string>& palette();

/// A diverging colour for v in [-1, 1]: vermillion (-1), white (0), blue (+1),
/// the two ends of the Okabe-Ito palette that stay apart for every common
/// colour-vision deficiency. NaN: light grey.
[[nodiscard]] std::string diverging(double v);

/// A box in pixels: (x, y) its top left corner.
struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  [[nodiscard]] bool intersects(const Box& o) const;
};

enum class Anchor { start, middle, end };

/// How a text is drawn.
struct Font {
  double size = 12;
  bool bold = false;
  std::string fill;  ///< empty: black
};

/// An SVG document being written. Every text() records its estimated box.
class Document {
 public:
  /// Opens the document: size, a white background, <title> and <desc>.
  Document(double width, double height, std::string_view title, std::string_view description);
  /// The box text() would take (without placing it).
  [[nodiscard]] static Box text_box(double x, double y, std::string_view s, Anchor anchor = Anchor::start, const Font& font = {});
  /// True when no text placed so far intersects `b`.
  [[nodiscard]] bool free(const Box& b) const;
  /// Text (user text is escaped) with its baseline at y; returns its box.
  Box text(double x, double y, std::string_view s, Anchor anchor = Anchor::start, const Font& font = {});
  void rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra = {});
  void line(double x1, double y1, double x2, double y2, std::string_view stroke, std::string_view extra = {});
  /// A tooltip: <g><title>text</title> ... opened here, closed by end_group().
  void begin_group(std::string_view tooltip);
  void end_group() { out_ += "</g>\n"; }
  /// Raw markup (for callers composing their own elements; never user text).
  void raw(std::string_view markup) { out_ += markup; }
  /// A legend row of colour swatches from (x, y); returns the x after it.
  double legend(double x, double y, const std::vector<std::pair<std::string, std::string>>& items);
  /// The text boxes placed, in order.
  [[nodiscard]] const std::vector<Box>& boxes() const { return boxes_; }
  /// "" when no two text boxes intersect, else a description of the first pair.
  [[nodiscard]] std::string overlap() const;
  /// Closes the document (ending with a comment that states the layout check:
  /// how many text boxes, and whether any overlap) and returns it.
  [[nodiscard]] std::string finish();

 private:
  std::string out_;
  std::vector<Box> boxes_;
  std::vector<std::string> texts_;
};

/// A linear scale from [lo, hi] to pixels [p0, p1] (clamped), with ticks at
/// round numbers (1, 2 or 5 times a power of ten).
struct Scale {
  double lo = 0, hi = 1, p0 = 0, p1 = 1;
  [[nodiscard]] double operator()(double v) const;
  [[nodiscard]] std::vector<double> ticks(int about = 5) const;
};

/// A horizontal axis at y with ticks (labelled by `label_of`, or number()),
/// grid lines up to `grid_top` and a bold axis title under it.
void x_axis(Document& d, const Scale& s, double y, double grid_top, std::string_view title,
            std::string (*label_of)(double) = nullptr, int ticks = 5);

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
