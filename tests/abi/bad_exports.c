/* A library that breaks the export rule on purpose: it exports a second symbol. The
 * abi.exports_check.* tests prove that check_plugin_exports.sh rejects it. */
__attribute__((visibility("default"))) int tb_test_extra_symbol(void) { return 1; }
__attribute__((visibility("default"))) const void* tb_plugin_entry_v1(void) { return 0; }
