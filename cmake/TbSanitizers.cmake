# With TB_SANITIZE every target of the build (host, plugins, tests) gets ASan and UBSan, so a
# plugin loaded into the host shares its sanitizer runtime.
if(TB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
