# Draws every picture prio makes, for the example backlog and a generated
# 200-feature one, checks each mechanically (check_svg.py: valid XML, a text
# alternative, no overlapping text boxes, every feature present, rounded
# numbers) and renders it to PNG with rsvg-convert, as a person would look at
# it. Usage: sh run.sh PRIO SOURCE_DIR WORK_DIR. Exit 77 (skipped) without
# rsvg-convert or python3.
set -u
prio=$1
src=$2
work=$3
command -v rsvg-convert > /dev/null || { echo "rsvg-convert not installed (Debian: librsvg2-bin)"; exit 77; }
command -v python3 > /dev/null || { echo "python3 not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
sh "$src/tests/cli/pictures/gen_backlog.sh" 200 > "$work/big.csv"
failed=0
ids() { tail -n +2 "$1" | cut -d, -f1; }

# picture NAME IDS_FILE ARGS...: prio ARGS -o NAME.svg, checked and rendered.
picture() {
  name=$1
  idfile=$2
  shift 2
  if ! "$prio" "$@" -o "$work/$name.svg" 2> "$work/$name.err"; then
    echo "FAIL $name: prio $* exited with an error:"
    cat "$work/$name.err"
    failed=1
    return
  fi
  how=""
  case $name in graph_*) how=--graphviz ;; esac
  if ! python3 "$src/tests/cli/pictures/check_svg.py" $how "$work/$name.svg" $(cat "$idfile"); then
    echo "FAIL $name: prio $*"
    failed=1
    return
  fi
  if ! rsvg-convert "$work/$name.svg" -o "$work/$name.png"; then
    echo "FAIL $name: rsvg-convert could not render it"
    failed=1
    return
  fi
  echo "ok $name ($(wc -c < "$work/$name.svg") bytes of SVG)"
}

cd "$src"
ids examples/backlog.csv > "$work/example.ids"
ids "$work/big.csv" > "$work/big.ids"
: > "$work/none.ids"
picture roadmap_example "$work/example.ids" plan examples/backlog.csv --capacity 8 --arrows
picture roadmap_example_nosprints "$work/example.ids" plan examples/backlog.csv --capacity 8 --sprints 3
picture roadmap_big "$work/big.ids" plan "$work/big.csv" --capacity 20 --arrows
picture roadmap_big_50 "$work/big.ids" plan "$work/big.csv" --capacity 16 --arrows --order value-density
# The chart shows the first 30 of the simulated ranking: the table's first 30 rows.
"$prio" simulate "$work/big.csv" --draws 200 --seed 7 --order none --limit 30 --format csv | tail -n +2 | cut -d, -f2 > "$work/big_top30.ids"
echo rice wsjf moscow weighted > "$work/strategies.ids"
picture simulate_example "$work/example.ids" simulate examples/backlog.csv --draws 500 --seed 7 --limit 40
picture simulate_big "$work/big_top30.ids" simulate "$work/big.csv" --draws 200 --seed 7 --order none --limit 0
picture sensitivity_example "$work/none.ids" sensitivity examples/backlog.csv --weights retention=0.6,revenue=0.4,effort=-0.3
picture sensitivity_big "$work/none.ids" sensitivity "$work/big.csv" --weights retention=0.3,revenue=0.2,reach=0.2,impact=0.1,business_value=0.1,effort=-0.3
picture compare_heatmap_example "$work/strategies.ids" compare examples/backlog.csv --by rice,wsjf,moscow,weighted --weights examples/weights
picture compare_bump_example "$work/none.ids" compare examples/backlog.csv --by rice,wsjf,moscow,weighted --weights examples/weights --chart bump
picture compare_heatmap_big "$work/strategies.ids" compare "$work/big.csv" --by rice,wsjf,moscow,weighted --weights retention=1,effort=-1
picture compare_bump_big "$work/none.ids" compare "$work/big.csv" --by rice,wsjf,moscow --chart bump --top 15
picture backtest_example "$work/none.ids" backtest examples/history.csv --ignore team --strategies rice,wsjf --value realized_value --cost actual_effort --bootstrap 50
if command -v dot > /dev/null; then
  picture graph_example "$work/example.ids" graph examples/backlog.csv --done sso,dark-mode --format svg
  picture graph_big "$work/big.ids" graph "$work/big.csv" --order greedy --format svg
fi
if [ "$failed" -ne 0 ]; then
  echo "pictures and their PNGs are in $work"
  exit 1
fi
echo "pictures and their PNGs are in $work"
