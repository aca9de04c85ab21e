#pragma once
namespace tb::fake {
struct symbol_spec;
}
