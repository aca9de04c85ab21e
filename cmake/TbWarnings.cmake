# tb_set_warnings(target): the project's warning flags; -Werror when TB_WERROR is on (CI).
# Under sanitizers GCC 12 reports -Wmaybe-uninitialized false positives inside libstdc++
# (<regex>, std::function) at -O2, so that one warning is left to the unsanitized builds.
function(tb_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         $<$<BOOL:${TB_WERROR}>:-Werror>
                         $<$<AND:$<BOOL:${TB_SANITIZE}>,$<CXX_COMPILER_ID:GNU>>:-Wno-maybe-uninitialized>)
endfunction()
