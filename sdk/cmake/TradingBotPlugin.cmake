# tb_add_plugin(<name> SOURCES <files>... [LIBRARIES <targets>...] [OUTPUT_DIRECTORY <dir>])
#
# The one place that knows how a TradingBot plugin is built, in this repository and for
# third parties through find_package(TradingBotSDK). It makes `<name>.so` (no "lib" prefix)
# that exports only tb_plugin_entry_v1, binds every symbol at load time and leaves no
# undefined reference: a plugin links against the SDK (headers only) and nothing of the host.
include_guard(GLOBAL)

function(tb_add_plugin name)
  # The export map beside this file (the function runs in the caller's scope, so a variable
  # set when this file was included would not be seen from other directories).
  set(_TB_PLUGIN_MAP ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/tb_plugin.map)
  cmake_parse_arguments(PLUGIN "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "tb_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${name} PRIVATE TradingBot::sdk ${PLUGIN_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS ${_TB_PLUGIN_MAP})
  if(PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIRECTORY})
  endif()
  # -fno-gnu-unique: STB_GNU_UNIQUE symbols would make dlclose a no-op and break hot reload.
  target_compile_options(${name} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-fno-gnu-unique>)
  target_link_options(${name} PRIVATE
    -Wl,--no-undefined -Wl,-z,now -Wl,--version-script=${_TB_PLUGIN_MAP})
endfunction()
