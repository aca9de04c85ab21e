// The version of the TradingBot SDK (the C++ layer and its CMake package). It follows the
// project's version; the C ABI has its own TB_ABI_MAJOR / TB_ABI_MINOR in tb_abi.h.
// sdk/CMakeLists.txt refuses to configure when these numbers and project(VERSION) disagree.
#pragma once

#define TB_SDK_VERSION_MAJOR 0
#define TB_SDK_VERSION_MINOR 1
#define TB_SDK_VERSION_PATCH 0
#define TB_SDK_VERSION_STRING "0.1.0"
