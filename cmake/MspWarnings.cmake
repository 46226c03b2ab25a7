# Warnings for mspcore's own targets only; third-party headers come in as system includes.
function(msp_set_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
                               -Wcast-align -Wimplicit-fallthrough>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes>)
  if(MSP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
