# cmake -P example_out_of_tree.cmake: the SDK as a third party gets it.
#
#   1. cmake --install <main build> --prefix <work>/prefix
#   2. configure and build examples/strategy_example in <work>/build, finding TradingBotSDK
#      in that prefix only
#   3. check the plugin's exports, then run <prefix>/bin/tradingbot plugins check on it: exit 0
#      and the id in the output
#   4. the installed host finds its own plugins with no flag (plugins list)
#   5. the plugin guide's last step: drop the plugin into a directory, enable it in YAML and run
#      the bot with it
#
# Variables (-D): BUILD_DIR, CONFIG, WORK_DIR, SOURCE_DIR (the repository), GENERATOR,
# CXX_COMPILER, BUILD_TYPE, CXX_FLAGS, MODULE_LINKER_FLAGS (the sanitizer flags of the main
# build, so the plugin loads into a sanitized host).
cmake_minimum_required(VERSION 3.25)

foreach(var BUILD_DIR WORK_DIR SOURCE_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "example_out_of_tree.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix ${WORK_DIR}/prefix)
set(example_build ${WORK_DIR}/build)
set(example_source ${SOURCE_DIR}/examples/strategy_example)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Runs a command, echoing it; stops the test with its output when it fails.
function(run step)
  string(JOIN " " shown ${ARGN})
  message(STATUS "[${step}] ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "[${step}] failed (${result}):\n${out}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(config_args)
if(DEFINED CONFIG AND NOT CONFIG STREQUAL "")
  set(config_args --config ${CONFIG})
endif()

run(install ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} ${config_args})
if(NOT EXISTS ${prefix}/bin/tradingbot)
  message(FATAL_ERROR "[install] ${prefix}/bin/tradingbot is missing: build the tradingbot "
                      "target before this test")
endif()

# Nothing but the prefix (and the system's own packages, e.g. nlohmann_json): no package
# registry, and the repository's build tree is never on the search path.
run(configure ${CMAKE_COMMAND} -S ${example_source} -B ${example_build} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_MODULE_LINKER_FLAGS=${MODULE_LINKER_FLAGS}")
file(STRINGS ${example_build}/CMakeCache.txt sdk_dir_line REGEX "^TradingBotSDK_DIR:")
string(REGEX REPLACE "^[^=]*=" "" sdk_dir "${sdk_dir_line}")
cmake_path(IS_PREFIX prefix "${sdk_dir}" NORMALIZE found_in_prefix)
if(NOT found_in_prefix)
  message(FATAL_ERROR "[configure] TradingBotSDK was found in '${sdk_dir}', not in ${prefix}")
endif()

run(build ${CMAKE_COMMAND} --build ${example_build} ${config_args})
set(plugin ${example_build}/strategy_example.so)
if(NOT EXISTS ${plugin})
  message(FATAL_ERROR "[build] ${plugin} was not built")
endif()

run(exports bash ${SOURCE_DIR}/tests/abi/check_plugin_exports.sh ${plugin})

run(check ${prefix}/bin/tradingbot plugins check ${plugin})
message(STATUS "[check] output:\n${run_output}")
if(NOT run_output MATCHES "strategy_example")
  message(FATAL_ERROR "[check] the output does not name the plugin's id strategy_example")
endif()

run(list ${prefix}/bin/tradingbot plugins list)
foreach(id exchange_binance strategy_ictsmc notify_discord)
  if(NOT run_output MATCHES "${prefix}/lib[^ \n]*/tradingbot/plugins/${id}\\.so")
    message(FATAL_ERROR "[list] the installed host did not find ${id} in its install tree:\n${run_output}")
  endif()
endforeach()

set(drop_in ${WORK_DIR}/my-plugins)
file(REMOVE_RECURSE ${drop_in})
file(MAKE_DIRECTORY ${drop_in})
file(COPY ${plugin} DESTINATION ${drop_in})
file(WRITE ${WORK_DIR}/bot.yaml
"mode: paper
state_dir: state
plugins:
  directories: [my-plugins]
  load:
    - name: strategy_example
      settings: {interval: 1h}
")
run(run ${prefix}/bin/tradingbot run --once --config ${WORK_DIR}/bot.yaml)
if(NOT run_output MATCHES "strategy_example [0-9.]+ \\(strategy\\): running"
   OR NOT run_output MATCHES "strategy_example state: ready")
  message(FATAL_ERROR "[run] the bot did not run strategy_example:\n${run_output}")
endif()
message(STATUS "strategy_example built out of tree against ${prefix}, checked and run: OK")
