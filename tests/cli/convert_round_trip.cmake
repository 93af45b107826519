# prio convert never changes a number: a file converted CSV -> JSON -> CSV,
# with convert's default options, ranks exactly as the original under the
# same rank options (scores printed with every digit).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
function(run out)
  execute_process(COMMAND "${PRIO}" ${ARGN} WORKING_DIRECTORY "${SOURCE_DIR}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "prio ${ARGN}: exit ${rc}\n${o}\n${e}")
  endif()
  set(${out} "${o}" PARENT_SCOPE)
endfunction()
set(n 0)
foreach(c IN ITEMS "tests/cli/data/ice.csv|--by;ice;--percent-columns;none"
                   "tests/cli/data/ice.csv|--by;ice-average;--percent-columns;none"
                   "examples/backlog.csv|--by;rice"
                   "examples/backlog.csv|--by;wsjf"
                   "tests/cli/data/small.json|--by;rice"
                   "tests/cli/data/formulas.csv|--by;rice")
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 0 input)
  list(SUBLIST parts 1 -1 opts)
  math(EXPR n "${n} + 1")
  run(ignored convert ${input} -o "${WORK_DIR}/${n}.json")
  run(ignored convert "${WORK_DIR}/${n}.json" -o "${WORK_DIR}/${n}.csv")
  run(original rank ${input} ${opts} --order none --format csv)
  run(via_json rank "${WORK_DIR}/${n}.json" ${opts} --order none --format csv)
  run(via_csv rank "${WORK_DIR}/${n}.csv" ${opts} --order none --format csv)
  if(NOT original STREQUAL via_json OR NOT original STREQUAL via_csv)
    message(FATAL_ERROR "${input} ${opts}: the converted file ranks differently\n--- original\n${original}\n--- via JSON\n${via_json}\n--- via CSV\n${via_csv}")
  endif()
endforeach()
