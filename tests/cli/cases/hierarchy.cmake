# The parent hierarchy in prio's own files: validate, convert, import -o.
# (Files with parent problems are in the bad-file corpus, tests/data/bad/parent_*.)
set(H tests/cli/data/hierarchy.csv)
prio_cli_case(hierarchy_validate ARGS validate ${H} --by rice)
prio_cli_case(hierarchy_convert_to_json ARGS convert ${H} --to json)
prio_cli_case(hierarchy_rank_keeps_working ARGS rank ${H} --by rice --order none)
prio_cli_case(hierarchy_validate_unknown_parent ARGS validate tests/data/bad/parent_unknown.csv --structure-only)
prio_cli_case(hierarchy_validate_cycle_json ARGS validate tests/data/bad/parent_cycle.csv --structure-only --format json)
prio_cli_case(hierarchy_validate_wrong_json ARGS validate tests/data/bad/parent_wrong.json --structure-only)
prio_cli_case(hierarchy_convert_cycle ARGS convert tests/data/bad/parent_cycle.csv --to json -o @OUT@ OUTPUT absent)
prio_cli_case(hierarchy_import_jira_to_json ARGS import --from jira tests/data/import/jira.csv --to json -o @OUT@ OUTPUT written)
prio_cli_case(hierarchy_import_linear_to_csv ARGS import --from linear tests/data/import/linear.csv -o @OUT@ OUTPUT written)
prio_cli_case(hierarchy_import_notion ARGS import --from notion tests/data/import/notion.csv)
# import -o then convert there and back: the hierarchy survives every step.
prio_cli_case(hierarchy_import_convert_round_trip SHELL [=[
"$PRIO" import --from jira tests/data/import/jira.csv -o "$WORK/a.csv" &&
"$PRIO" convert "$WORK/a.csv" -o "$WORK/b.json" &&
"$PRIO" convert "$WORK/b.json" -o "$WORK/c.csv" &&
cmp "$WORK/a.csv" "$WORK/c.csv" && grep -c ',SCRUM-1$' "$WORK/c.csv"
]=])
