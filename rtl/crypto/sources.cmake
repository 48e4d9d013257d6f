# The RTL files of each crypto core, for every testbench, benchmark and
# synthesis check that needs them. A core's files share its prefix.
function(_ipsec_fpga_core_sources variable)
  set(files)
  foreach(pattern ${ARGN})
    file(GLOB matched CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/${pattern})
    list(APPEND files ${matched})
  endforeach()
  list(SORT files)
  set(${variable} ${files} PARENT_SCOPE)
endfunction()

_ipsec_fpga_core_sources(IPSEC_FPGA_AES_CORE_RTL aes_*.v)
# The compact AES (aes_core_compact, aes_compact_*) shares only the S-box ROM.
list(FILTER IPSEC_FPGA_AES_CORE_RTL EXCLUDE REGEX "aes_(core_)?compact")
_ipsec_fpga_core_sources(IPSEC_FPGA_AES_COMPACT_CORE_RTL aes_core_compact.v aes_compact_*.v
                         aes_sbox_rom.v)
_ipsec_fpga_core_sources(IPSEC_FPGA_TDES_CORE_RTL tdes_*.v des_*.v)
_ipsec_fpga_core_sources(IPSEC_FPGA_SHA1_CORE_RTL sha1_*.v)
_ipsec_fpga_core_sources(IPSEC_FPGA_SHA256_CORE_RTL sha256_*.v)
_ipsec_fpga_core_sources(IPSEC_FPGA_MD5_CORE_RTL md5_*.v)
_ipsec_fpga_core_sources(IPSEC_FPGA_GHASH_CORE_RTL ghash_*.v)
