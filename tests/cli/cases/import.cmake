# Cases for importing exports (prio import, --from on other commands), join and kano,
# and the bad-export corpus (tests/data/bad_import: <profile>_*.csv|json, kano_*, metrics_*).
set(D tests/data/import)

# ---- every profile, every quirk ----
prio_cli_case(import_jira ARGS import --from jira ${D}/jira.csv)
prio_cli_case(import_jira_keep_done ARGS import --from jira ${D}/jira.csv --keep-done --roll-up-effort --to json)
prio_cli_case(import_jira_to_file ARGS import --from jira ${D}/jira.csv -o @OUT@ OUTPUT written)
prio_cli_case(import_jira_localized ARGS import --from jira ${D}/jira_de.csv --map-file ${D}/jira_de.map)
prio_cli_case(import_jira_jpd ARGS import --from jira ${D}/jira_jpd.csv --percent-columns none)
prio_cli_case(import_jira_map_override ARGS import --from jira tests/data/bad_import/jira_conflict.csv --map "effort=Custom field (Story Points)")
prio_cli_case(import_linear ARGS import --from linear ${D}/linear.csv)
prio_cli_case(import_linear_roll_up ARGS import --from linear ${D}/linear.csv --roll-up-effort --keep-done)
prio_cli_case(import_trello ARGS import --from trello ${D}/trello.json)
prio_cli_case(import_trello_links ARGS import --from trello ${D}/trello.json --links-in-descriptions --to json)
prio_cli_case(import_notion ARGS import --from notion ${D}/notion.csv)

# ---- --from on the commands that read a backlog ----
prio_cli_case(rank_from_jira_jpd ARGS rank --from jira ${D}/jira_jpd.csv --by weighted:jpd --weights impact=1,value=1,effort=-1 --order none)
prio_cli_case(validate_from_linear ARGS validate --from linear ${D}/linear.csv --structure-only)
prio_cli_case(graph_from_jira ARGS graph --from jira ${D}/jira.csv --by weighted --weights priority=1)
prio_cli_case(rank_from_notion_weighted ARGS rank --from notion ${D}/notion.csv --by weighted --weights reach=1,revenue=1,effort=-1 --order none)
prio_cli_case(rank_from_notion_rice_missing_impact ARGS rank --from notion ${D}/notion.csv --by rice)

# ---- bad input ----
prio_cli_case(import_unknown_profile ARGS import --from asana ${D}/jira.csv -o @OUT@ OUTPUT absent)
prio_cli_case(rank_unknown_profile ARGS rank --from asana ${D}/jira.csv)
prio_cli_case(import_no_profile ARGS import ${D}/jira.csv -o @OUT@ OUTPUT absent)
prio_cli_case(import_bad_existing_output ARGS import --from jira tests/data/bad_import/jira_conflict.csv -o @OUT@ OUTPUT unchanged)

# ---- join and kano ----
prio_cli_case(join_long ARGS join --from jira ${D}/jira.csv ${D}/metrics_long.csv --on feature --metric reach=unique_users:sum --metric events=events:max --since 2026-02-01)
prio_cli_case(join_wide ARGS join --from jira ${D}/jira.csv ${D}/metrics_wide.csv --on feature --metric reach=unique_users:mean --to json)
prio_cli_case(join_bad_metric ARGS join --from jira ${D}/jira.csv ${D}/metrics_long.csv --on feature --metric reach=unique_users:median)
prio_cli_case(join_missing_on ARGS join --from jira ${D}/jira.csv ${D}/metrics_long.csv --on segment --metric reach=unique_users -o @OUT@ OUTPUT absent)
prio_cli_case(kano_table ARGS kano ${D}/kano.csv)
prio_cli_case(kano_json ARGS kano ${D}/kano.csv --format json)
prio_cli_case(kano_into ARGS kano ${D}/kano.csv --into ${D}/kano_backlog.csv --must-be-must)

# ---- the bad-export corpus: the exact diagnostics and no output file ----
file(GLOB prio_bad_imports RELATIVE "${PROJECT_SOURCE_DIR}" CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/data/bad_import/*")
foreach(f IN LISTS prio_bad_imports)
  get_filename_component(stem "${f}" NAME_WE)
  string(REGEX REPLACE "_.*" "" kind "${stem}")
  if(kind STREQUAL "kano")
    prio_cli_case(bad_import_${stem} ARGS kano ${f} -o @OUT@ OUTPUT absent)
  elseif(kind STREQUAL "metrics")
    prio_cli_case(bad_import_${stem} ARGS join --from jira ${D}/jira.csv ${f} --on feature --metric reach=unique_users -o @OUT@ OUTPUT absent)
  else()
    prio_cli_case(bad_import_${stem} ARGS import --from ${kind} ${f} -o @OUT@ OUTPUT absent)
  endif()
endforeach()
