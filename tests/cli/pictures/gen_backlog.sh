# Writes a deterministic backlog of N features (default 200) to stdout: RICE,
# WSJF and weighted columns with ranges for simulate, MoSCoW categories (some
# Won't, some untriaged), chains of dependencies, long ids and one title with
# markup characters.
n=${1:-200}
awk -v n="$n" 'BEGIN {
  print "id,title,moscow,depends_on,reach,reach_lo,reach_hi,impact,confidence,effort,effort_lo,effort_hi,business_value,time_criticality,risk_reduction,job_size,retention,revenue"
  split("Must,Should,Could,Won'"'"'t,,Should,Could", cat, ",")
  for (i = 1; i <= n; i++) {
    id = sprintf("feature-%03d", i)
    if (i % 17 == 0) id = sprintf("a-rather-long-feature-name-%03d-with-suffix", i)
    ids[i] = id
    dep = ""
    if (i > 7 && i % 5 == 0) dep = ids[i - 7]
    title = "Feature " i
    if (i == 3) title = "\"\"Quotes\"\" <b>&amp; markup</b> it'"'"'s"
    reach = 100 + (i * 7919) % 4900
    effort = 1 + (i * 31) % 8
    printf "%s,\"%s\",%s,%s,%d,%d,%d,%s,%d%%,%d,%d,%d,%d,%d,%d,%d,%d,%d\n", id, title, cat[1 + i % 7], dep, reach, reach * 0.7, reach * 1.4, (i % 4 == 0 ? 3 : (i % 4 == 1 ? 0.5 : i % 4)), 50 + (i * 13) % 51, effort, (effort > 1 ? effort - 1 : 1), effort + 2, 1 + (i * 3) % 13, 1 + (i * 5) % 13, 1 + (i * 7) % 8, effort, 1 + (i * 11) % 10, 1 + (i * 17) % 10
  }
}'
