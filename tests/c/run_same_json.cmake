# The C ABI's JSON and `prio ... --format json` must be the same bytes.
# -DPRIO, -DC_JSON, -DSOURCE_DIR, -DWORK_DIR, -DCOMMAND, -DFILE, -DOPTIONS, -DCLI_ARGS (;-list),
# -DIDS (;-list: explain's ids, given to both)
file(MAKE_DIRECTORY "${WORK_DIR}")
if(NOT EXPECT_RC)
  set(EXPECT_RC 0)
endif()
execute_process(COMMAND "${PRIO}" ${COMMAND} ${FILE} ${IDS} ${CLI_ARGS} --format json WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_FILE "${WORK_DIR}/cli.json" RESULT_VARIABLE rc)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "prio ${COMMAND} exited with ${rc}, expected ${EXPECT_RC}")
endif()
execute_process(COMMAND "${C_JSON}" ${COMMAND} ${FILE} "${OPTIONS}" ${IDS} WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_FILE "${WORK_DIR}/c.json" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "c_json ${COMMAND} failed: ${rc}")
endif()
file(READ "${WORK_DIR}/cli.json" cli)
file(READ "${WORK_DIR}/c.json" c)
if(NOT cli STREQUAL c)
  message(FATAL_ERROR "the C ABI's JSON differs from the CLI's: diff ${WORK_DIR}/cli.json ${WORK_DIR}/c.json")
endif()
string(LENGTH "${cli}" n)
message(STATUS "${n} bytes, identical")
