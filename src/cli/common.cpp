#include "common.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "prio/validate.hpp"

#include "prio/graph.hpp"
#include "prio/order.hpp"

namespace prio::cli {

CLI::App* add_command(CLI::App& app, Context& ctx, const std::string& name, const std::string& description,
                      const std::string& example, std::function<int()> body) {
  CLI::App* cmd = app.add_subcommand(name, description);
  cmd->footer("Example:\n  " + example);
  cmd->callback([&ctx, name, body = std::move(body)]() {
    try {
      ctx.exit_code = body();
    } catch (const UsageError& e) {
      ctx.err << "prio " << name << ": error: " << e.what() << "\nRun 'prio " << name << " --help' for the options.\n";
      ctx.exit_code = exit_usage;
    } catch (const prio::error& e) {
      ctx.err << "prio " << name << ": error: " << e.what() << '\n';
      ctx.exit_code = exit_invalid_input;
    } catch (const std::exception& e) {
      ctx.err << "prio " << name << ": error: " << e.what() << '\n';
      ctx.exit_code = exit_invalid_input;
    }
  });
  return cmd;
}

// ---- input ------------------------------------------------------------------

void add_input_options(CLI::App* cmd, InputArgs& args) {
  cmd->add_option("FILE", args.file, "Backlog file: CSV, or JSON when the name ends in .json ('-' reads CSV from stdin)")
      ->required();
  cmd->add_option("--map", args.maps, "Read a column under prio's name: NAME=COLUMN, e.g. reach=\"Users per quarter\" (repeatable)")
      ->take_all();
  cmd->add_option("--map-file", args.map_file, "File of NAME=COLUMN lines ('#' comments)");
  cmd->add_option("--ignore", args.ignore, "Columns to leave out (free text in exports), comma-separated")->delimiter(',');
  cmd->add_option("--percent-columns", args.percent_columns,
                  "Columns read as fractions, where 80 and 80% mean 0.8 (none: no column, e.g. for ICE's 1-10 confidence)")
      ->capture_default_str();
}

std::optional<ReadResult> load_backlog(const InputArgs& args, Context& ctx, const Strategy* strategy) {
  ReadOptions options;
  try {
    if (!args.map_file.empty()) options.column_map = read_column_map(args.map_file);
    for (const auto& m : args.maps) options.column_map.push_back(parse_column_mapping(m));
  } catch (const prio::error& e) {
    throw UsageError(e.what());
  }
  options.ignore_columns = args.ignore;
  options.percent_columns.clear();
  for (std::string_view rest = args.percent_columns == "none" ? std::string_view{} : args.percent_columns; !rest.empty();) {
    const std::size_t k = rest.find(',');
    std::string_view name = rest.substr(0, k);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) options.percent_columns.emplace_back(name);
    rest = k == std::string_view::npos ? std::string_view{} : rest.substr(k + 1);
  }
  ReadResult r = read_backlog(args.file, options);
  if (r.ok()) {
    for (const auto& d : r.diagnostics) ctx.err << d.to_string() << '\n';
    return r;
  }
  // The file has errors. So that one run shows every problem, also check the
  // values that did read cleanly against the strategy (leaving out the
  // fields the reader already rejected, which read as missing).
  std::vector<Diagnostic> all = r.diagnostics;
  if (strategy && !r.backlog.empty() && r.diagnostics.size() < options.max_diagnostics) {
    std::vector<Diagnostic> more;
    try {
      strategy->check(r.backlog, more);
    } catch (const prio::error&) {
      more.clear();
    }
    for (auto& d : more) {
      if (d.where.feature.empty()) continue;  // whole-column problems may come from a rejected header
      const bool known = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&d](const Diagnostic& x) {
        return x.where.feature == d.where.feature && (x.where.field == d.where.field || x.where.field.empty());
      });
      if (known) continue;
      r.locate(d);
      all.push_back(std::move(d));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::size_t la = a.where.line == 0 ? SIZE_MAX : a.where.line, lb = b.where.line == 0 ? SIZE_MAX : b.where.line;
    return la != lb ? la < lb : a.where.column < b.where.column;
  });
  std::size_t shown = 0;
  for (const auto& d : all) {
    if (shown++ == options.max_diagnostics && d.severity != Severity::note) break;
    ctx.err << d.to_string() << '\n';
  }
  return std::nullopt;
}

bool print_diagnostics(std::vector<Diagnostic> diagnostics, const ReadResult& read, Context& ctx) {
  constexpr std::size_t cap = 20;
  bool errors = false;
  std::size_t shown = 0;
  for (auto& d : diagnostics) {
    errors = errors || d.severity == Severity::error;
    if (shown == cap) continue;
    read.locate(d);
    ctx.err << d.to_string() << '\n';
    ++shown;
  }
  if (diagnostics.size() > shown)
    ctx.err << read.source.file() << ": note: " << diagnostics.size() - shown << " more problem(s) not shown\n";
  return errors;
}

// ---- strategies ---------------------------------------------------------------

void add_strategy_options(CLI::App* cmd, StrategyArgs& args) {
  cmd->add_option("--by", args.by,
                  "Scoring strategy: rice | ice | ice-average | wsjf | moscow[:SECONDARY] | weighted[:min_max|z_score|vector|rank]")
      ->capture_default_str();
  cmd->add_option("--weights", args.weights,
                  "Weights for --by weighted: NAME=W,... (a negative weight makes a cost criterion) or a weights file");
  cmd->add_option("--missing", args.missing, "Missing values: error (reject) | worst (rank last on that term) | skip (leave the term out)")
      ->capture_default_str();
  cmd->add_flag("--strict", args.strict, "Require the frameworks' scales (RICE impact 3/2/1/0.5/0.25, WSJF 1,2,3,5,8,13,20)");
}

Strategy make_strategy(const StrategyArgs& args) {
  try {
    StrategyOptions o;
    o.weights = args.weights;
    o.missing = parse_missing(args.missing);
    o.strict = args.strict;
    if (!o.weights.empty() && args.by.find("weighted") == std::string::npos)
      throw UsageError("--weights is only used with --by weighted");
    return parse_strategy(args.by, o);
  } catch (const prio::error& e) {
    throw UsageError(e.description() + (e.where().file.empty() ? "" : " (" + e.where().file + ")"));
  }
}

bool check_backlog(const ReadResult& read, const Strategy& strategy, Context& ctx) {
  // prio::validate reports unknown and self dependencies and every cycle.
  return !print_diagnostics(validate(read.backlog, strategy), read, ctx);
}

// ---- ordering -----------------------------------------------------------------

void check_order(const Backlog& backlog, const std::string& policy) {
  try {
    (void)report::order_policy(policy, backlog);
  } catch (const prio::error& e) {
    throw UsageError(e.description());
  }
}

std::vector<FeatureIndex> order_features(const Backlog& backlog, const Scores& scores, const std::string& policy) {
  check_order(backlog, policy);
  return report::order_features(backlog, scores, policy);
}

std::vector<FeatureIndex> parse_id_list(const Backlog& backlog, const std::string& list, const char* option) {
  std::vector<FeatureIndex> out;
  std::string_view s = list;
  while (!s.empty()) {
    const std::size_t k = s.find(',');
    std::string_view id = s.substr(0, k);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (!id.empty()) {
      const auto i = backlog.find(id);
      if (!i) throw UsageError(std::string(option) + ": no feature with id '" + std::string(id) + "'");
      out.push_back(*i);
    }
    if (k == std::string_view::npos) break;
    s.remove_prefix(k + 1);
  }
  return out;
}

std::vector<std::vector<std::string>> unmet(const Backlog& backlog, const std::vector<FeatureIndex>& done) {
  std::vector<char> is_done(backlog.size(), 0);
  for (const FeatureIndex d : done) is_done[d] = 1;
  std::vector<std::vector<std::string>> out(backlog.size());
  for (FeatureIndex i = 0; i < backlog.size(); ++i)
    for (const auto& dep : backlog.depends_on(i)) {
      const auto j = backlog.find(dep);
      if (j && is_done[*j]) continue;
      if (std::find(out[i].begin(), out[i].end(), dep) == out[i].end()) out[i].push_back(dep);
    }
  return out;
}

// ---- output -------------------------------------------------------------------

void add_output_options(CLI::App* cmd, OutputArgs& args, const std::vector<std::string>& formats) {
  std::string list;
  for (const auto& f : formats) list += (list.empty() ? "" : " | ") + f;
  args.format = formats.front();
  cmd->add_option("--format", args.format, "Output format: " + list)->check(CLI::IsMember(formats))->capture_default_str();
  cmd->add_option("-o,--output", args.output, "Write to this file (atomically: a temporary file renamed over it) instead of stdout");
}

void write_output(const std::string& path, std::string_view content, Context& ctx) {
  if (path.empty() || path == "-") {
    ctx.out << content;
    ctx.out.flush();
    return;
  }
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".prio-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0)
    throw prio::error(errc::io_error, std::string("cannot create a temporary file next to the output: ") + std::strerror(errno),
                      Location{{}, {}, path, 0, 0});
  const char* p = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    const ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  const int saved = errno;
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  // mkstemp creates the file 0600; give it the usual permissions.
  if (ok) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ok = ::chmod(tmpl.c_str(), 0666 & ~mask) == 0;
  }
  if (!ok || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int e = ok ? errno : saved;
    std::remove(tmpl.c_str());
    throw prio::error(errc::io_error, std::string("cannot write the output: ") + std::strerror(e), Location{{}, {}, path, 0, 0});
  }
}

namespace {

// Display width: code points (titles are UTF-8; wide East Asian characters count as one).
std::size_t width(std::string_view s) {
  std::size_t w = 0;
  for (const char c : s) w += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return w;
}

}  // namespace

namespace {
// A cell on one line: line breaks inside (a title may hold one) become spaces.
std::string one_line(const std::string& s) {
  if (s.find_first_of("\r\n") == std::string::npos) return s;
  std::string o;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    o += (s[i] == '\r' || s[i] == '\n') ? ' ' : s[i];
  }
  return o;
}
}  // namespace

std::string render_text(const Table& table) {
  Table t = table;
  for (auto& r : t.rows)
    for (auto& c : r) c = one_line(c);
  std::vector<std::size_t> w(t.header.size(), 0);
  for (std::size_t c = 0; c < t.header.size(); ++c) w[c] = width(t.header[c]);
  for (const auto& r : t.rows)
    for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], width(r[c]));
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::size_t pad = w[c] - width(cells[c]);
      const bool right = c < t.right.size() && t.right[c];
      if (c > 0) l += "  ";
      if (right) l.append(pad, ' ');
      l += cells[c];
      if (!right && c + 1 < cells.size()) l.append(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  line(t.header);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < w.size(); ++c) rule.emplace_back(w[c], '-');
  line(rule);
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string render_markdown(const Table& t) {
  auto cell = [](const std::string& s) {
    std::string o;
    for (const char c : one_line(s)) {
      if (c == '|') o += "\\|";
      else o += c;
    }
    return o;
  };
  std::string out = "|";
  for (const auto& h : t.header) out += " " + cell(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < t.header.size(); ++c) out += (c < t.right.size() && t.right[c]) ? "---:|" : "---|";
  out += '\n';
  for (const auto& r : t.rows) {
    out += '|';
    for (const auto& v : r) out += " " + cell(v) + " |";
    out += '\n';
  }
  return out;
}

void append_csv_cell(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos && (s.empty() || (s.front() != ' ' && s.back() != ' '))) {
    out += s;
    return;
  }
  out += '"';
  for (const char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

std::string render_csv(const Table& t) {
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += ',';
      append_csv_cell(out, cells[c]);
    }
    out += '\n';
  };
  row(t.header);
  for (const auto& r : t.rows) row(r);
  return out;
}

std::string json_string(std::string_view s) { return json_quote(s); }

std::string json_number(double v) { return report::json_number(v); }

std::string human_number(double v) {
  if (std::isnan(v)) return "missing";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string moscow_label(Moscow m) {
  switch (m) {
    case Moscow::must: return "must";
    case Moscow::should: return "should";
    case Moscow::could: return "could";
    case Moscow::wont: return "won't";
    case Moscow::unset: return "";
  }
  return "";
}

}  // namespace prio::cli
