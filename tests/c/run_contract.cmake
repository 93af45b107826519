# Runs `prio rank examples/backlog.csv --format json` and the contract program
# from the source directory and compares them with contract_check.
execute_process(COMMAND "${PRIO}" rank examples/backlog.csv --format json WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_FILE "${WORK_DIR}/cli.json" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "prio rank failed: ${rc}")
endif()
execute_process(COMMAND "${CONTRACT}" WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_FILE "${WORK_DIR}/contract.txt" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the contract program failed: ${rc}")
endif()
execute_process(COMMAND "${CHECK}" "${WORK_DIR}/cli.json" "${WORK_DIR}/contract.txt" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the contract program's ranking differs from prio rank's")
endif()
