# tb_set_warnings(target): the project's warning flags; -Werror when TB_WERROR is on (CI).
function(tb_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         $<$<BOOL:${TB_WERROR}>:-Werror>)
endfunction()
