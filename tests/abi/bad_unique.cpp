// A library that breaks the reload rule on purpose: a function-local static in an inline
// function, which g++ emits as an STB_GNU_UNIQUE symbol unless -fno-gnu-unique is given.
inline int& tb_test_counter() {
  static int count = 0;
  return count;
}

extern "C" __attribute__((visibility("default"))) const void* tb_plugin_entry_v1() {
  ++tb_test_counter();
  return nullptr;
}
