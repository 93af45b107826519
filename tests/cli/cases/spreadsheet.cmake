# The spreadsheet formula guard: ids and titles starting with = + - @ (or an
# escaping ') are written with a leading ' in every CSV table, numbers are
# not, and prio's own CSV files survive CSV -> CSV and CSV -> JSON -> CSV
# byte for byte (tests/cli/data/formulas.csv is written in prio's own form).
set(F tests/cli/data/formulas.csv)
prio_cli_case(formulas_rank_csv ARGS rank ${F} --by rice --format csv)
prio_cli_case(formulas_plan_csv ARGS plan ${F} --capacity 5 --format csv)
prio_cli_case(formulas_compare_csv ARGS compare ${F} --by rice,moscow --format csv)
prio_cli_case(formulas_to_json ARGS convert ${F} --to json)
prio_cli_case(formulas_csv_round_trip SHELL [=[
set -e
F=tests/cli/data/formulas.csv
"$PRIO" convert "$F" -o "$WORK/a.csv"
cmp "$F" "$WORK/a.csv" && echo "CSV -> CSV: identical"
"$PRIO" convert "$F" -o "$WORK/a.json"
"$PRIO" convert "$WORK/a.json" -o "$WORK/b.csv"
cmp "$F" "$WORK/b.csv" && echo "CSV -> JSON -> CSV: identical"
]=])
# A Linear export escapes '=SUM(A1) for spreadsheets: import reads the title
# without the ', writes it escaped again, and the file then round-trips.
prio_cli_case(formulas_linear_import_round_trip SHELL [=[
set -e
"$PRIO" import --from linear tests/data/import/linear.csv -o "$WORK/a.csv"
cat "$WORK/a.csv"
"$PRIO" convert "$WORK/a.csv" -o "$WORK/b.csv"
cmp "$WORK/a.csv" "$WORK/b.csv" && echo "import -> CSV -> CSV: identical"
"$PRIO" convert "$WORK/a.csv" -o "$WORK/a.json"
"$PRIO" convert "$WORK/a.json" -o "$WORK/c.csv"
cmp "$WORK/a.csv" "$WORK/c.csv" && echo "import -> CSV -> JSON -> CSV: identical"
]=])
