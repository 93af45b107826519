# Cases for backtests and calibration: prio backtest, prio calibrate, prio simulate --calibration.

prio_cli_case(backtest_example ARGS backtest examples/history.csv --ignore team --strategies rice,wsjf,weighted --weights examples/weights --value realized_value --cost actual_effort --bootstrap 200 --seed 1)
prio_cli_case(backtest_json ARGS backtest examples/history.csv --ignore team --strategies rice,wsjf --value realized_value --cost actual_effort --k 5 --bootstrap 50 --seed 2 --format json)
prio_cli_case(backtest_csv ARGS backtest examples/history.csv --ignore team --strategies rice,wsjf --value realized_value --cost actual_effort --bootstrap 50 --format csv)
prio_cli_case(backtest_svg ARGS backtest examples/history.csv --ignore team --strategies rice,wsjf --value realized_value --cost actual_effort --bootstrap 50 --format svg -o @OUT@ OUTPUT written)
prio_cli_case(backtest_small_markdown ARGS backtest tests/cli/data/history_small.csv --ignore team --strategies weighted:est=1 --value v --cost c --k 2 --budget-ratio 0.5 --bootstrap 0 --format markdown)
prio_cli_case(backtest_svg_escaped ARGS backtest tests/cli/data/history_markup.csv --strategies weighted:score<&>=1,rice --value v --cost c --bootstrap 20 --format svg)
prio_cli_case(backtest_missing_column ARGS backtest examples/history.csv --ignore team --value realized --cost actual_effort)
prio_cli_case(backtest_zero_cost ARGS backtest tests/cli/data/history_bad.csv --strategies rice --value value --cost cost --bootstrap 0)
prio_cli_case(backtest_bad_ratio ARGS backtest examples/history.csv --ignore team --value realized_value --cost actual_effort --budget-ratio 2)
prio_cli_case(backtest_no_strategy ARGS backtest examples/history.csv --ignore team --strategies , --value realized_value --cost actual_effort)

prio_cli_case(calibrate_example ARGS calibrate examples/history.csv --estimate effort --actual actual_effort --by team)
prio_cli_case(calibrate_json ARGS calibrate examples/history.csv --estimate effort --actual actual_effort --by team --format json)
prio_cli_case(calibrate_small_text_groups ARGS calibrate tests/cli/data/history_small.csv --estimate est --actual v --by team --format csv)
prio_cli_case(calibrate_zero ARGS calibrate tests/cli/data/history_bad.csv --estimate effort --actual cost)
prio_cli_case(calibrate_missing_column ARGS calibrate examples/history.csv --estimate estimate --actual actual_effort --ignore team)
prio_cli_case(calibrate_missing_group ARGS calibrate examples/history.csv --estimate effort --actual actual_effort --by squad)

prio_cli_case(simulate_calibration ARGS simulate examples/backlog.csv --by rice --calibration examples/calibration.json --draws 2000 --seed 7 --top 5 --limit 8)
prio_cli_case(simulate_calibration_not_lognormal ARGS simulate examples/backlog.csv --calibration examples/calibration.json --distribution pert)
prio_cli_case(simulate_calibration_bad_file ARGS simulate examples/backlog.csv --calibration tests/cli/data/history_bad.csv)
