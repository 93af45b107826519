#include "common.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "io/text.hpp"
#include "prio/explain.hpp"
#include "prio/validate.hpp"

#include "prio/graph.hpp"
#include "prio/order.hpp"

namespace prio::cli {

void refuse_output_that_is_an_input(const CLI::App& cmd);

CLI::App* add_command(CLI::App& app, Context& ctx, const std::string& name, const std::string& description,
                      const std::string& example, std::function<int()> body) {
  CLI::App* cmd = app.add_subcommand(name, description);
  cmd->footer("Example:\n  " + example);
  cmd->callback([&ctx, cmd, name, body = std::move(body)]() {
    try {
      refuse_output_that_is_an_input(*cmd);
      ctx.exit_code = body();
    } catch (const UsageError& e) {
      ctx.err << "prio " << name << ": error: " << clip_message(e.what()) << "\nRun 'prio " << name << " --help' for the options.\n";
      ctx.exit_code = exit_usage;
    } catch (const prio::error& e) {
      ctx.err << "prio " << name << ": error: " << clip_message(e.what()) << '\n';
      ctx.exit_code = exit_invalid_input;
    } catch (const std::exception& e) {
      ctx.err << "prio " << name << ": error: " << clip_message(e.what()) << '\n';
      ctx.exit_code = exit_invalid_input;
    }
  });
  return cmd;
}

std::string clip_message(std::string_view m) {
  constexpr std::size_t max_quoted = 80, max_line = 400;
  std::string out;
  out.reserve(std::min<std::size_t>(m.size(), 4096));
  std::size_t line = 0;
  for (std::size_t i = 0; i < m.size();) {
    const char c = m[i];
    if (c == '\n') {
      out += c;
      line = 0;
      ++i;
      continue;
    }
    if ((c == '\'' || c == '"') && (i == 0 || m[i - 1] == ' ' || m[i - 1] == '(' || m[i - 1] == '=')) {
      // A quoted value: keep it whole when short, else its first ~80 bytes.
      const std::size_t close = m.find(c, i + 1);
      const std::size_t nl = m.find('\n', i + 1);
      if (close != std::string_view::npos && close < nl && close - i - 1 > max_quoted) {
        std::size_t cut = i + 1 + max_quoted - 3;
        while (cut > i + 1 && (static_cast<unsigned char>(m[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
        out.append(m.substr(i, cut - i));
        out += "...";
        out += c;
        line += cut - i + 4;
        i = close + 1;
        continue;
      }
    }
    if (line == max_line) {
      out += "...";
      while (i < m.size() && m[i] != '\n') ++i;
      continue;
    }
    out += c;
    ++line;
    ++i;
  }
  return out;
}

// ---- checked option values ---------------------------------------------------

namespace {

std::string shown(const std::string& s) { return clip_message("'" + s + "'"); }

}  // namespace

CLI::Validator whole_number(std::uint64_t max) {
  return CLI::Validator(
      [max](std::string& s) -> std::string {
        std::uint64_t v = 0;
        const char* b = s.data() + (!s.empty() && s.front() == '+');
        const auto r = std::from_chars(b, s.data() + s.size(), v);
        if (s.empty() || b == s.data() + s.size() || r.ec == std::errc::invalid_argument || r.ptr != s.data() + s.size())
          return "expected a whole number >= 0, got " + shown(s);
        if (r.ec == std::errc::result_out_of_range || v > max) return "must be at most " + std::to_string(max) + ", got " + shown(s);
        return {};
      },
      "UINT");
}

CLI::Validator finite_number(double min, bool above) {
  return CLI::Validator(
      [min, above](std::string& s) -> std::string {
        const std::string bound = std::string(above ? "> " : ">= ") + format_number(min);
        if (s.empty()) return "an empty value (an empty item in a list?); expected a number " + bound;
        double v = 0;
        const char* b = s.data() + (s.front() == '+');
        const auto r = std::from_chars(b, s.data() + s.size(), v);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
          return "expected a finite number " + bound + ", got " + shown(s);
        if (v < min || (above && v == min)) return "must be " + bound + ", got " + shown(s);
        return {};
      },
      "NUMBER");
}

CLI::Option* add_number_list_option(CLI::App* cmd, const std::string& name, std::vector<double>& out, const std::string& description,
                                    const CLI::Validator& check) {
  return cmd->add_option_function<std::string>(
      name,
      [&out, name, check](const std::string& list) {
        out.clear();
        for (std::size_t start = 0;;) {
          const std::size_t comma = list.find(',', start);
          std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
          if (item.empty()) throw CLI::ValidationError(name, "an empty item in the list " + shown(list));
          if (const std::string why = check(item); !why.empty()) throw CLI::ValidationError(name, why);
          out.push_back(std::strtod(item.c_str(), nullptr));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
      },
      description);
}

void refuse_output_that_is_an_input(const CLI::App& cmd) {
  const CLI::Option* output = nullptr;
  try {
    output = cmd.get_option("--output");
  } catch (const CLI::OptionNotFound&) {
    return;
  }
  if (output->count() == 0) return;
  const std::string out_path = output->results().back();
  struct stat out_st {};
  if (out_path == "-" || ::stat(out_path.c_str(), &out_st) != 0) return;  // stdout, or a file yet to be made
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt == output) continue;
    for (const std::string& value : opt->results()) {
      struct stat st {};
      if (value.empty() || value == "-" || ::stat(value.c_str(), &st) != 0) continue;
      if (st.st_dev == out_st.st_dev && st.st_ino == out_st.st_ino)
        throw UsageError("the output " + shown(out_path) + " is the same file as the input " + shown(value) + " (" +
                         opt->get_name() + "): prio never writes over what it reads; write to another file");
    }
  }
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
  cmd->add_option("--from", args.from, "Read FILE as an export of jira | linear | trello | notion (see prio import)");
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
  options.percent_plain_numbers = args.percent_plain_numbers;
  for (std::string_view rest = args.percent_columns == "none" ? std::string_view{} : args.percent_columns; !rest.empty();) {
    const std::size_t k = rest.find(',');
    std::string_view name = rest.substr(0, k);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) options.percent_columns.emplace_back(name);
    rest = k == std::string_view::npos ? std::string_view{} : rest.substr(k + 1);
  }
  ReadResult r;
  if (args.from.empty()) {
    r = read_backlog(args.file, options);
  } else {
    const auto profile = parse_import_profile(args.from);
    if (!profile)
      throw prio::error(errc::invalid_argument, "unknown --from profile '" + args.from + "' (accepted: " + import_profile_names() + ")");
    ImportOptions io = args.import;
    io.read = options;
    r = read_import_file(*profile, args.file, std::move(io));
  }
  if (r.ok()) {
    for (const auto& d : r.diagnostics) ctx.err << clip_message(d.to_string()) << '\n';
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
    ctx.err << clip_message(d.to_string()) << '\n';
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
    ctx.err << clip_message(d.to_string()) << '\n';
    ++shown;
  }
  if (diagnostics.size() > shown)
    ctx.err << read.source.file() << ": note: " << diagnostics.size() - shown << " more problem(s) not shown\n";
  return errors;
}

// ---- strategies ---------------------------------------------------------------

void add_strategy_options(CLI::App* cmd, StrategyArgs& args) {
  cmd->add_option("--by", args.by,
                  "Scoring strategy: rice | ice | ice-average | wsjf | moscow[:SECONDARY] | weighted[:min_max|z_score|vector|rank|jpd]")
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
    if (id.empty()) throw UsageError(std::string(option) + ": an empty item in the list " + shown(list) + " (ids are separated by single commas)");
    const auto i = backlog.find(id);
    if (!i) throw UsageError(std::string(option) + ": no feature with id " + shown(std::string(id)));
    out.push_back(*i);
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

namespace {

[[noreturn]] void write_failed(const std::string& path, const std::string& what, int e) {
  throw prio::error(errc::io_error, what + ": " + std::strerror(e), Location{{}, {}, path, 0, 0});
}

// Writes all of content to fd; false (errno set) when a write fails.
bool write_all(int fd, std::string_view content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  return true;
}

// The file a chain of symbolic links names (the path itself when it is none).
std::filesystem::path follow_links(std::filesystem::path p) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(p, ec)) return p;
    const std::filesystem::path target = std::filesystem::read_symlink(p, ec);
    if (ec) return p;
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  throw prio::error(errc::io_error, "too many levels of symbolic links", Location{{}, {}, p.string(), 0, 0});
}

// The descriptor a path names directly: /dev/stdout, /dev/stderr,
// /dev/fd/N, /proc/self/fd/N; -1 for any other path.
int descriptor_of(std::string_view path) {
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (const std::string_view prefix : {std::string_view("/dev/fd/"), std::string_view("/proc/self/fd/")})
    if (path.starts_with(prefix)) {
      int fd = -1;
      const std::string_view n = path.substr(prefix.size());
      const auto r = std::from_chars(n.data(), n.data() + n.size(), fd);
      if (r.ec == std::errc() && r.ptr == n.data() + n.size() && fd >= 0) return fd;
    }
  return -1;
}

}  // namespace

void write_output(const std::string& path, std::string_view content, Context& ctx) {
  if (path.empty() || path == "-") {
    errno = 0;
    ctx.out.write(content.data(), static_cast<std::streamsize>(content.size()));
    ctx.out.flush();
    if (!ctx.out) {
      const int e = errno;
      ctx.out_failed = true;
      throw prio::error(errc::io_error, std::string("cannot write to standard output") + (e ? std::string(": ") + std::strerror(e) : ""),
                        Location{});
    }
    return;
  }
  if (const int fd = descriptor_of(path); fd >= 0) {
    // /dev/stdout and its kin: the descriptor prio already has, as the shell
    // set it up (appending, a pipe, a terminal), never reopened or replaced.
    if (fd == 1) return write_output("-", content, ctx);
    if (!write_all(fd, content)) write_failed(path, "cannot write the output", errno);
    return;
  }
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;  // through symbolic links
  if (exists && S_ISDIR(st.st_mode)) write_failed(path, "cannot write the output", EISDIR);
  if (exists && !S_ISREG(st.st_mode)) {
    // A FIFO, a terminal, a device, /dev/stdout: write into it, never replace it.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) write_failed(path, "cannot open the output", errno);
    const bool ok = write_all(fd, content);
    const int e = errno;
    if (::close(fd) != 0 && ok) write_failed(path, "cannot write the output", errno);
    if (!ok) write_failed(path, "cannot write the output", e);
    return;
  }
  // A regular file, or none yet: a temporary file beside the file the path
  // names (through symbolic links, which stay), renamed over it.
  const std::filesystem::path target = follow_links(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".prio-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) write_failed(path, "cannot create a temporary file next to the output", errno);
  bool ok = write_all(fd, content);
  int e = errno;
  // mkstemp creates the file 0600: give it the existing file's permissions
  // (and owner, when allowed), or the usual ones for a new file.
  if (ok) {
    mode_t mode = 0;
    if (exists) {
      mode = st.st_mode & 07777;
      if (::fchown(fd, st.st_uid, st.st_gid) != 0) mode &= 0777;  // no set-id bits for another owner
    } else {
      const mode_t mask = ::umask(0);
      ::umask(mask);
      mode = 0666 & ~mask;
    }
    ok = ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    if (!ok) e = errno;
  }
  if (::close(fd) != 0 && ok) ok = false, e = errno;
  if (ok && std::rename(tmpl.c_str(), target.c_str()) != 0) ok = false, e = errno;
  if (!ok) {
    std::remove(tmpl.c_str());
    write_failed(path, "cannot write the output", e);
  }
}

std::string moscow_by(const Backlog& backlog, const Strategy& strategy, const std::string& by) {
  if (strategy.name().starts_with("moscow")) return "";
  for (FeatureIndex i = 0; i < backlog.size(); ++i)
    if (backlog.moscow(i) != Moscow::unset) return "moscow:" + by;
  return "";
}

std::string moscow_hint(std::size_t musts_behind, const Strategy& strategy, const std::string& flag, std::string_view verb) {
  return std::to_string(musts_behind) + " Must feature" + (musts_behind == 1 ? " is " : "s are ") + std::string(verb) +
         " behind Should or Could features: this backlog has MoSCoW categories and " + strategy.name() +
         " ignores them; use --by " + flag + " to " + (verb == "planned" ? "plan" : "rank") + " Musts first";
}

void print_warnings(Context& ctx, const std::string& prefix, const std::vector<std::string>& lines, std::size_t shown) {
  for (std::size_t k = 0; k < lines.size() && k < shown; ++k) ctx.err << prefix << clip_message(lines[k]) << '\n';
  if (lines.size() > shown) ctx.err << prefix << lines.size() - shown << " more warning(s) like these not shown (" << lines.size() << " in all)\n";
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

void append_csv_cell(std::string& out, std::string_view s, bool text) { detail::append_csv_field(out, s, text); }

void append_csv_row(std::string& out, const std::vector<std::string>& cells, const std::vector<bool>& right, bool header) {
  // Numeric (right-aligned) columns are written as they are, so "-0.5"
  // stays a number; every other cell is guarded against spreadsheet formulas.
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) out += ',';
    append_csv_cell(out, cells[c], header || c >= right.size() || !right[c]);
  }
  out += '\n';
}

std::string render_csv(const Table& t) {
  std::string out;
  append_csv_row(out, t.header, t.right, true);
  for (const auto& r : t.rows) append_csv_row(out, r, t.right, false);
  return out;
}

std::string json_string(std::string_view s) { return json_quote(s); }

std::string json_number(double v) { return report::json_number(v); }

std::string decimal(double v, int digits) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string report_number(double v, bool machine) { return machine ? format_number(v) : decimal(v); }

// The one formatter of numbers for people (6 significant digits, "missing"
// for NaN), shared with prio::explain's text.
std::string human_number(double v) { return detail::fmt_number(v); }

std::string moscow_label(Moscow m) {
  // prio::to_string's labels (one table), with the apostrophe people write.
  return m == Moscow::wont ? std::string("won't") : std::string(to_string(m));
}

}  // namespace prio::cli
