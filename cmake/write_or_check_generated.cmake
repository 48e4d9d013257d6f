# Shared by the description generators (rtl/sa/gen_sa_layout.cmake,
# driver/link/gen_host_link_layout.cmake): writes each generated text to its
# file, or with CHECK=ON fails when a committed copy differs from it.
# write_or_check_generated(<update target> <PATHVAR CONTENTVAR>...)
function(write_or_check_generated update_target)
  set(pairs ${ARGN})
  while(pairs)
    list(POP_FRONT pairs path_var content_var)
    set(path "${${path_var}}")
    if(CHECK)
      set(committed "")
      if(EXISTS ${path})
        file(READ ${path} committed)
      endif()
      if(NOT committed STREQUAL "${${content_var}}")
        message(FATAL_ERROR "${path} is out of date with ${DEF}: "
                            "run `cmake --build <build> --target ${update_target}` and commit it")
      endif()
    else()
      file(WRITE ${path} "${${content_var}}")
    endif()
  endwhile()
endfunction()
