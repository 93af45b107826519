# Cases for reading backlog files, rank, validate, explain, ready, graph,
# convert, usage errors, and the bad-file corpus (tests/data/bad).

# ---- the main job and its formats ----
prio_cli_case(rank_example ARGS rank examples/backlog.csv)
prio_cli_case(rank_json ARGS rank examples/backlog.csv --format json --top 5)
prio_cli_case(rank_csv_wsjf ARGS rank examples/backlog.csv --by wsjf --format csv --top 8)
prio_cli_case(rank_markdown_moscow ARGS rank examples/backlog.csv --by moscow:wsjf --format markdown --top 8)
prio_cli_case(rank_weighted_file ARGS rank examples/backlog.csv --by weighted --weights examples/weights --top 5)
prio_cli_case(rank_weighted_inline ARGS rank examples/backlog.csv --by weighted:rank --weights retention=0.6,effort=-0.4 --top 5 --order none)
prio_cli_case(rank_order_none ARGS rank examples/backlog.csv --order none --top 8)
prio_cli_case(rank_order_inherited ARGS rank examples/backlog.csv --order inherited --top 8)
prio_cli_case(rank_order_value_density ARGS rank examples/backlog.csv --order value-density --top 8)
prio_cli_case(rank_done ARGS rank examples/backlog.csv --done sso,api-v2,webhooks --top 12)
prio_cli_case(rank_missing_error ARGS rank tests/cli/data/missing.csv)
prio_cli_case(rank_missing_worst ARGS rank tests/cli/data/missing.csv --missing worst --order none)
prio_cli_case(rank_missing_skip ARGS rank tests/cli/data/missing.csv --missing skip --order none)
prio_cli_case(rank_to_file ARGS rank examples/backlog.csv --format csv --top 3 -o @OUT@ OUTPUT written)
prio_cli_case(rank_json_input ARGS rank tests/cli/data/small.json --format json)
prio_cli_case(rank_mapped ARGS rank tests/cli/data/jira_export.csv
              --map "id=Issue key" --map title=Summary --map "reach=Users per quarter" --map impact=Impact
              --map confidence=Confidence --map effort=Person-months --map moscow=Priority
              --map "depends_on=Blocked by" --ignore Assignee)
prio_cli_case(rank_map_file ARGS rank tests/cli/data/jira_export.csv --map-file tests/cli/data/jira.map --ignore Assignee --format json)
prio_cli_case(rank_unmapped_text_column ARGS rank tests/cli/data/jira_export.csv --map-file tests/cli/data/jira.map)

# ---- other commands ----
prio_cli_case(validate_example ARGS validate examples/backlog.csv)
prio_cli_case(validate_wsjf_strict ARGS validate examples/backlog.csv --by wsjf --strict)
prio_cli_case(explain_one ARGS explain examples/backlog.csv sso)
prio_cli_case(explain_two ARGS explain examples/backlog.csv sso dark-mode --by wsjf)
prio_cli_case(ready_example ARGS ready examples/backlog.csv --done sso,api-v2)
prio_cli_case(graph_small ARGS graph tests/cli/data/small.json)
prio_cli_case(convert_to_json ARGS convert tests/cli/data/jira_export.csv --map-file tests/cli/data/jira.map --ignore Assignee --to json)
prio_cli_case(convert_to_csv ARGS convert tests/cli/data/small.json --to csv)
prio_cli_case(convert_ice_keeps_confidence ARGS convert tests/cli/data/ice.csv --to json)

# ---- usage errors (exit 2) and --version ----
prio_cli_case(version ARGS --version)
prio_cli_case(no_command ARGS)
prio_cli_case(unknown_command ARGS frobnicate)
prio_cli_case(rank_no_file ARGS rank)
prio_cli_case(rank_unknown_option ARGS rank examples/backlog.csv --colour)
prio_cli_case(rank_bad_strategy ARGS rank examples/backlog.csv --by rise)
prio_cli_case(rank_bad_format ARGS rank examples/backlog.csv --format yaml)
prio_cli_case(rank_bad_order ARGS rank examples/backlog.csv --order random)
prio_cli_case(rank_weighted_no_weights ARGS rank examples/backlog.csv --by weighted)
prio_cli_case(rank_bad_weights ARGS rank examples/backlog.csv --by weighted --weights retention=lots)
prio_cli_case(rank_bad_missing ARGS rank examples/backlog.csv --missing ignore)
prio_cli_case(rank_bad_map ARGS rank examples/backlog.csv --map reach)
prio_cli_case(rank_unknown_done ARGS rank examples/backlog.csv --done nope)
prio_cli_case(explain_unknown_id ARGS explain examples/backlog.csv nope)

# ---- input errors (exit 1): nothing is written ----
prio_cli_case(rank_missing_file ARGS rank tests/data/bad/does-not-exist.csv -o @OUT@ OUTPUT absent)
prio_cli_case(rank_map_unknown_column ARGS rank examples/backlog.csv --map "reach=Users per quarter" -o @OUT@ OUTPUT absent)
prio_cli_case(rank_wsjf_missing_columns ARGS rank tests/cli/data/small.json --by wsjf -o @OUT@ OUTPUT unchanged)

# ---- the bad-file corpus: the exact diagnostics, no output file, an existing one untouched ----
file(GLOB prio_bad_files RELATIVE "${PROJECT_SOURCE_DIR}" CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/data/bad/*")
foreach(f IN LISTS prio_bad_files)
  get_filename_component(stem "${f}" NAME_WE)
  prio_cli_case(bad_${stem} ARGS rank ${f} -o @OUT@ OUTPUT absent)
endforeach()
prio_cli_case(bad_cycle_existing_output ARGS rank tests/data/bad/cycle.csv -o @OUT@ OUTPUT unchanged)
prio_cli_case(bad_unterminated_quote_existing_output ARGS rank tests/data/bad/unterminated_quote.csv --format json -o @OUT@ OUTPUT unchanged)
prio_cli_case(bad_many_problems_validate ARGS validate tests/data/bad/many_problems.csv)
prio_cli_case(bad_long_line ARGS rank @WORK@/long_line.csv -o @OUT@ OUTPUT unchanged SETUP long_line)

# ICE rates confidence 1-10: it must not be read as a percentage.
prio_cli_case(rank_ice_confidence_not_percent ARGS rank tests/cli/data/ice.csv --by ice --percent-columns none)
prio_cli_case(rank_ice_confidence_as_percent ARGS rank tests/cli/data/ice.csv --by ice)
# The graph's positions (#n) are prio rank's ranks with the same options.
prio_cli_case(graph_positions_equal_rank SHELL [=[
for opts in "--order greedy" "--order inherited --by wsjf" "--order none --by moscow:rice"
do
  "$PRIO" rank examples/backlog.csv $opts --format csv 2>/dev/null | tail -n +2 | cut -d, -f1,2 | awk -F, '{ print $2 " " $1 }' | sort > "$WORK/rank"
  "$PRIO" graph examples/backlog.csv $opts | sed -n 's/.*label="\([^\\"]*\)\\n.*, #\([0-9]*\) .*/\1 \2/p' | sort > "$WORK/graph"
  n=$(wc -l < "$WORK/graph")
  if diff "$WORK/rank" "$WORK/graph" > /dev/null
  then echo "$opts: $n positions equal prio rank's"
  else echo "$opts: positions differ" && diff "$WORK/rank" "$WORK/graph"
  fi
done
]=])
prio_cli_case(graph_done_ready_blocked ARGS graph tests/cli/data/small.json --done sso --order greedy)
prio_cli_case(graph_svg_without_dot SHELL [=[
mkdir "$WORK/bin"
PATH="$WORK/bin" "$PRIO" graph examples/backlog.csv --format svg -o "$WORK/g.svg"
echo "rc=$?"
ls "$WORK"
]=])
