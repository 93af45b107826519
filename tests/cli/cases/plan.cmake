# Cases for prio plan (sprints) and prio release (bundles, the NRP format).
# tests/cli/data/tiny.nrp: requirements costing 1..5, requirement 1 before 4;
# customer 1 (profit 10) wants 4 and 5 (with 1: cost 10), customer 2 (7)
# wants 2 (cost 2). Ratio 0.5: budget 8, only customer 2 fits: value 7, cost 2.
# Ratio 0.7: budget 11 (10.5 rounded up), customer 1 alone: value 10, cost 10.
# (NRP runs print their wall time in the table and CSV formats, so the golden
# cases use JSON.)
# tests/cli/data/bundles.csv on examples/backlog.csv, with prerequisites:
# enterprise deal (100) costs 9, integrations (60) 10 with api-v2, self-serve
# (40) 14 with usage-billing and api-v2. Budget 20: the first two, value 160
# at cost 19 (any pair with self-serve costs over 20 or is worth less).

prio_cli_case(plan_table ARGS plan examples/backlog.csv --capacity 10)
prio_cli_case(plan_csv ARGS plan examples/backlog.csv --capacity 10,12,8 --sprints 3 --format csv)
prio_cli_case(plan_json_separate ARGS plan examples/backlog.csv --capacity 10 --separate-sprints --format json)
prio_cli_case(plan_markdown_value_density ARGS plan examples/backlog.csv --capacity 12 --order value-density --format markdown)
prio_cli_case(plan_svg ARGS plan examples/backlog.csv --capacity 10 --sprints 3 --format svg)
prio_cli_case(plan_svg_file ARGS plan examples/backlog.csv --capacity 10 --sprints 2 --format svg -o @OUT@ OUTPUT written)
prio_cli_case(plan_no_capacity ARGS plan examples/backlog.csv)

prio_cli_case(release_bundles ARGS release examples/backlog.csv --budget 20 --bundles tests/cli/data/bundles.csv)
prio_cli_case(release_bundles_json ARGS release examples/backlog.csv --budget 20 --bundles tests/cli/data/bundles.csv --format json --seed 2 --time-limit 5)
prio_cli_case(release_bundles_csv ARGS release examples/backlog.csv --budget 12 --bundles tests/cli/data/bundles.csv --format csv)
prio_cli_case(release_by_score_markdown ARGS release examples/backlog.csv --budget 10 --format markdown)
prio_cli_case(release_nrp_half ARGS release --nrp tests/cli/data/tiny.nrp --budget-ratio 0.5 --format json)
prio_cli_case(release_nrp_seventy ARGS release --nrp tests/cli/data/tiny.nrp --budget-ratio 0.7 --seed 9 --time-limit 2 --format json)
prio_cli_case(release_nrp_budget ARGS release --nrp tests/cli/data/tiny.nrp --budget 11 --format json)
prio_cli_case(release_bad_bundles ARGS release examples/backlog.csv --budget 20 --bundles tests/cli/data/missing-file.csv)
prio_cli_case(plan_svg_arrows ARGS plan examples/backlog.csv --capacity 8 --sprints 4 --arrows --format svg)
prio_cli_case(plan_svg_escaped ARGS plan tests/cli/data/formulas.csv --capacity 5 --format svg)
prio_cli_case(plan_svg_markup ARGS plan tests/cli/data/markup.csv --capacity 2 --arrows --separate-sprints --format svg)
# With a MoSCoW strategy no "Musts behind" hint; the DSDM share findings, one line per kind.
prio_cli_case(plan_moscow_strategy ARGS plan examples/backlog.csv --capacity 10 --by moscow:rice --sprints 4)
