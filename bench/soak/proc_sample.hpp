#pragma once
// What the kernel says one process holds: resident memory, threads, open descriptors.
#include <sys/types.h>

#include <optional>

namespace tb::bench {

struct proc_sample {
  long rss_kb = 0;   // VmRSS
  long threads = 0;  // Threads
  long fds = 0;      // entries of /proc/PID/fd
};

// std::nullopt once the process is gone.
std::optional<proc_sample> sample_process(pid_t pid);

}  // namespace tb::bench
