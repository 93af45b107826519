# Cases for the experiment commands: compare, simulate, sensitivity.

prio_cli_case(compare_example ARGS compare examples/backlog.csv --by rice,wsjf,weighted --weights examples/weights --top 5 --movers 5)
prio_cli_case(compare_json_greedy ARGS compare examples/backlog.csv --by rice,moscow:wsjf --order greedy --format json --movers 3)
prio_cli_case(compare_csv ARGS compare examples/backlog.csv --by rice,wsjf,moscow --format csv --top 3)
prio_cli_case(compare_bad_strategy ARGS compare examples/backlog.csv --by rice,nope)
prio_cli_case(compare_bad_rbo ARGS compare examples/backlog.csv --rbo-p 1)

prio_cli_case(simulate_example ARGS simulate examples/backlog.csv --by rice --draws 2000 --seed 7 --top 5 --limit 10)
prio_cli_case(simulate_threads_one ARGS simulate examples/backlog.csv --by rice --draws 2000 --seed 7 --top 5 --limit 10 --threads 1)
prio_cli_case(simulate_json_pert ARGS simulate examples/backlog.csv --by rice --distribution pert --draws 500 --seed 3 --top 3 --limit 4 --format json)
prio_cli_case(simulate_csv_greedy ARGS simulate examples/backlog.csv --by moscow:rice --order greedy --draws 300 --seed 1 --top 3 --limit 6 --format csv)
prio_cli_case(simulate_certain ARGS simulate tests/cli/data/small.json --draws 50 --format csv)
prio_cli_case(simulate_bad_distribution ARGS simulate examples/backlog.csv --distribution normal)
prio_cli_case(simulate_bad_draws ARGS simulate examples/backlog.csv --draws 0)

prio_cli_case(sensitivity_example ARGS sensitivity examples/backlog.csv --weights examples/weights --top 3)
prio_cli_case(sensitivity_json ARGS sensitivity examples/backlog.csv --weights retention=0.6,effort=-0.4 --normalization rank --format json --top 5)
prio_cli_case(sensitivity_csv ARGS sensitivity examples/backlog.csv --weights retention=0.5,revenue=0.5 --format csv)
prio_cli_case(sensitivity_no_weights ARGS sensitivity examples/backlog.csv)
prio_cli_case(sensitivity_unknown_column ARGS sensitivity examples/backlog.csv --weights nothing=1)

# --order on compare and simulate, --interval, sensitivity with z_score / vector and --missing.
prio_cli_case(compare_order_value_density ARGS compare examples/backlog.csv --by rice,wsjf --order value-density --top 5 --movers 3)
prio_cli_case(simulate_order_inherited ARGS simulate examples/backlog.csv --by rice --order inherited --draws 500 --seed 4 --top 3 --limit 6 --format csv)
prio_cli_case(simulate_interval ARGS simulate examples/backlog.csv --by rice --draws 500 --seed 4 --top 3 --limit 6 --interval 0.5 --format csv)
prio_cli_case(sensitivity_z_score ARGS sensitivity examples/backlog.csv --weights retention=0.6,effort=-0.4 --normalization z_score --top 3)
prio_cli_case(sensitivity_vector_missing ARGS sensitivity tests/cli/data/missing.csv --weights reach=0.5,effort=-0.5 --normalization vector --missing worst --top 2)
prio_cli_case(sensitivity_missing_skip ARGS sensitivity tests/cli/data/missing.csv --weights reach=0.5,effort=-0.5 --missing skip --format csv)
# Charts (-o FILE.svg or --format svg): ids, titles and names with markup are escaped.
prio_cli_case(simulate_svg_escaped ARGS simulate tests/cli/data/markup.csv --draws 50 --seed 1 --top 1 --format svg)
prio_cli_case(compare_svg_heatmap ARGS compare tests/cli/data/markup.csv --by rice,moscow --format svg)
prio_cli_case(compare_svg_bump_file ARGS compare tests/cli/data/markup.csv --by rice,moscow --chart bump -o @OUT@.svg)
prio_cli_case(sensitivity_svg ARGS sensitivity tests/cli/data/markup.csv --weights reach=0.5,impact=0.5,effort=-0.2 --format svg)
prio_cli_case(compare_chart_unknown ARGS compare tests/cli/data/markup.csv --chart pie --format svg)
