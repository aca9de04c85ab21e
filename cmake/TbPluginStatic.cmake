# tb_plugin_static(target): a static library a plugin may link: position-independent, hidden
# symbols (the plugin exports only its entry point), and on GCC -fno-gnu-unique, since
# STB_GNU_UNIQUE symbols would make dlclose a no-op and break the plugin's hot reload.
function(tb_plugin_static target)
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-fno-gnu-unique>)
endfunction()
