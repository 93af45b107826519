# Reliability cases: outputs that must never be destroyed, writes that fail,
# inputs from any stream, nonsense arguments, and documented rules at their
# limits. SHELL cases (see tests/cli/CMakeLists.txt) set up what one command
# line cannot. Scripts avoid ';' (CMake would split them): one command a line.

# ---- output never destroys what is there ----
prio_cli_case(out_symlink_followed SHELL [=[
printf 'old\n' > "$WORK/real.csv"
ln -s real.csv "$WORK/link.csv"
"$PRIO" convert tests/cli/data/small.json -o "$WORK/link.csv"
echo "rc=$?"
test -L "$WORK/link.csv" && echo "link.csv is still a symbolic link"
head -1 "$WORK/real.csv"
ls -A "$WORK"
]=])
prio_cli_case(out_keeps_mode SHELL [=[
printf 'old\n' > "$WORK/private.csv"
chmod 600 "$WORK/private.csv"
"$PRIO" convert tests/cli/data/small.json -o "$WORK/private.csv"
echo "rc=$?"
stat -c %a "$WORK/private.csv"
head -1 "$WORK/private.csv"
]=])
prio_cli_case(out_fifo_written_into SHELL [=[
mkfifo "$WORK/out.fifo"
# Bounded: a prio that fails before opening the FIFO must fail the case, not hang it.
timeout 20 cat "$WORK/out.fifo" > "$WORK/got.csv" &
"$PRIO" convert tests/cli/data/small.json -o "$WORK/out.fifo"
echo "rc=$?"
wait
test -p "$WORK/out.fifo" && echo "out.fifo is still a FIFO"
head -2 "$WORK/got.csv"
]=])
prio_cli_case(out_character_device SHELL [=[
"$PRIO" rank examples/backlog.csv -o /dev/null
echo "rc=$?"
test -c /dev/null && echo "/dev/null is still a character device"
]=])
prio_cli_case(out_dev_stdout_appends SHELL [=[
echo "first line" > "$WORK/log"
"$PRIO" rank examples/backlog.csv --top 1 --format csv -o /dev/stdout >> "$WORK/log"
echo "rc=$?"
cat "$WORK/log"
]=])
prio_cli_case(out_directory ARGS rank examples/backlog.csv -o tests/cli)
prio_cli_case(out_same_file_as_input SHELL [=[
cp examples/backlog.csv "$WORK/b.csv"
printf 'retention=0.6\n' > "$WORK/w"
"$PRIO" rank "$WORK/b.csv" -o "$WORK/b.csv"
echo "rc=$?"
"$PRIO" rank "$WORK/b.csv" -o "$WORK/./b.csv"
echo "rc=$?"
ln -s b.csv "$WORK/alias.csv"
"$PRIO" convert "$WORK/alias.csv" -o "$WORK/b.csv"
echo "rc=$?"
ln "$WORK/b.csv" "$WORK/hard.csv"
"$PRIO" validate "$WORK/hard.csv" >/dev/null
"$PRIO" convert "$WORK/hard.csv" --to json -o "$WORK/b.csv"
echo "rc=$?"
"$PRIO" rank examples/backlog.csv --by weighted --weights "$WORK/w" -o "$WORK/w"
echo "rc=$?"
cmp -s examples/backlog.csv "$WORK/b.csv" && echo "b.csv is unchanged"
cat "$WORK/w"
]=])
prio_cli_case(out_extension_any_case SHELL [=[
"$PRIO" convert tests/cli/data/small.json -o "$WORK/x.JSON"
echo "rc=$?"
head -c 14 "$WORK/x.JSON"
echo
"$PRIO" convert "$WORK/x.JSON" -o "$WORK/y.Csv"
head -1 "$WORK/y.Csv"
]=])
prio_cli_case(out_negative_zero_round_trip SHELL [=[
printf 'id,title,delta,reach\nz,Zero,-0,0\n' > "$WORK/z.csv"
"$PRIO" convert "$WORK/z.csv" -o "$WORK/z.json"
cat "$WORK/z.json"
"$PRIO" convert "$WORK/z.json" --to csv
]=])

# ---- a failed write is a failure ----
prio_cli_case(stdout_full SHELL [=[
"$PRIO" rank examples/backlog.csv > /dev/full
echo "rank rc=$?"
"$PRIO" validate examples/backlog.csv > /dev/full
echo "validate rc=$?"
"$PRIO" --help > /dev/full
echo "help rc=$?"
]=])
prio_cli_case(stdout_file_size_limit SHELL [=[
ulimit -f 1
env --ignore-signal=XFSZ "$PRIO" rank examples/backlog.csv --format json > "$WORK/stdout.json"
echo "stdout rc=$?"
env --ignore-signal=XFSZ "$PRIO" rank examples/backlog.csv --format json -o "$WORK/out.json"
echo "-o rc=$?"
ls -A "$WORK"
]=])
prio_cli_case(stdout_closed SHELL [=[
"$PRIO" rank examples/backlog.csv >&-
echo "rc=$?"
]=])
prio_cli_case(stdout_broken_pipe SHELL [=[
echo "id,title,reach,impact,confidence,effort" > "$WORK/big.csv"
seq 0 2999 | awk '{ print "f" $1 ",Feature " $1 ",10,1,0.5,1" }' >> "$WORK/big.csv"
{ env --ignore-signal=PIPE "$PRIO" rank "$WORK/big.csv" --order none
  echo "SIGPIPE ignored: rc=$?" >&2
} | head -c 1 > /dev/null
{ env --default-signal=PIPE "$PRIO" rank "$WORK/big.csv" --order none
  echo "SIGPIPE default: rc=$?" >&2
} | head -c 1 > /dev/null
]=])

# ---- input from any stream ----
prio_cli_case(in_dev_stdin SHELL [=[
cat examples/backlog.csv | "$PRIO" rank /dev/stdin --top 3
]=])
prio_cli_case(in_fifo SHELL [=[
mkfifo "$WORK/in.csv"
timeout 20 sh -c 'cat examples/backlog.csv > "$1"' sh "$WORK/in.csv" &  # bounded, as out_fifo_written_into
"$PRIO" rank "$WORK/in.csv" --top 3
]=])
prio_cli_case(in_process_substitution SHELL [=[
bash -c '"$PRIO" rank <(cat examples/backlog.csv) --by weighted --weights <(cat examples/weights) --map-file <(echo "# none") --top 3'
]=])
prio_cli_case(in_proc_file ARGS validate /proc/self/status)

# ---- nonsense arguments: usage errors (exit 2) ----
prio_cli_case(arg_top_negative ARGS rank examples/backlog.csv --top -1)
prio_cli_case(arg_top_overflow ARGS rank examples/backlog.csv --top 99999999999999999999999)
prio_cli_case(arg_top_fraction ARGS compare examples/backlog.csv --top 2.5)
prio_cli_case(arg_seed_negative ARGS simulate examples/backlog.csv --seed -1 --draws 10)
prio_cli_case(arg_draws_negative ARGS simulate examples/backlog.csv --draws -1)
prio_cli_case(arg_threads_huge ARGS simulate examples/backlog.csv --threads 4294967297)
prio_cli_case(arg_release_seed_negative ARGS release examples/backlog.csv --budget 10 --seed -5)
prio_cli_case(arg_sprints_negative ARGS plan examples/backlog.csv --capacity 10 --sprints -2)
prio_cli_case(arg_capacity_empty_item ARGS plan examples/backlog.csv --capacity 10,,5)
prio_cli_case(arg_capacity_nan ARGS plan examples/backlog.csv --capacity nan)
prio_cli_case(arg_capacity_inf ARGS plan examples/backlog.csv --capacity 10,inf)
prio_cli_case(arg_budget_inf ARGS release examples/backlog.csv --budget inf)
prio_cli_case(arg_budget_nan ARGS release examples/backlog.csv --budget nan)
prio_cli_case(arg_budget_negative ARGS release examples/backlog.csv --budget -3)
prio_cli_case(arg_time_limit_nan ARGS release examples/backlog.csv --budget 10 --time-limit nan)
prio_cli_case(arg_map_file_directory ARGS rank examples/backlog.csv --map-file examples)
prio_cli_case(arg_weights_directory ARGS rank examples/backlog.csv --by weighted --weights examples)
prio_cli_case(arg_done_empty_item ARGS rank examples/backlog.csv --done sso,,api-v2)
prio_cli_case(arg_release_file_and_nrp ARGS release examples/backlog.csv --nrp examples/backlog.csv --budget 10)
prio_cli_case(arg_release_ratio_without_nrp ARGS release examples/backlog.csv --budget 10 --budget-ratio 0.5)
prio_cli_case(arg_huge_values_clipped SHELL [=[
big=$(head -c 100000 /dev/zero | tr '\0' x)
"$PRIO" rank examples/backlog.csv --done "$big" 2>&1 | wc -c
"$PRIO" rank examples/backlog.csv --done "$big" 2>&1 | head -c 200
echo
"$PRIO" rank examples/backlog.csv --by "$big" 2>&1 | wc -c
"$PRIO" rank examples/backlog.csv --top "$big" 2>&1 | wc -c
"$PRIO" rank examples/backlog.csv --top "$big" 2>&1 | head -c 200
echo
"$PRIO" rank examples/backlog.csv --format "$big" 2>&1 | wc -c
]=])
prio_cli_case(in_huge_duplicate_id_clipped SHELL [=[
id=$(head -c 1000000 /dev/zero | tr '\0' x)
cd "$WORK"
printf '{"features": [{"id": "%s", "effort": 1}, {"id": "%s", "effort": 2}]}\n' "$id" "$id" > huge.json
"$PRIO" rank huge.json 2>&1 | wc -c
"$PRIO" rank huge.json 2>&1 | cut -c 1-150
]=])
prio_cli_case(arg_simulate_memory_advice ARGS simulate examples/backlog.csv --draws 100000000 --exact-stats)
prio_cli_case(arg_simulate_draws_limit ARGS simulate examples/backlog.csv --draws 100000000000)
prio_cli_case(simulate_without_stats ARGS simulate examples/backlog.csv --draws 200 --seed 3 --top 3 --limit 4 --no-rank-stats --no-score-stats --format csv)

# ---- documented rules at their limits ----
prio_cli_case(release_budget_huge ARGS release examples/backlog.csv --budget 5e11 --format json)
prio_cli_case(plan_warnings_summarised SHELL [=[
echo "id,title,reach,impact,confidence,effort,depends_on" > "$WORK/chain.csv"
echo "f0,Feature 0,10,1,1,1," >> "$WORK/chain.csv"
seq 1 299 | awk '{ print "f" $1 ",Feature " $1 ",10,1,1,1,f" ($1 - 1) }' >> "$WORK/chain.csv"
"$PRIO" plan "$WORK/chain.csv" --capacity 1 > /dev/null
echo "rc=$?"
]=])
