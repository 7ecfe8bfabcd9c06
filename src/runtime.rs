//! Process-wide set-up for libtorch, done once before any model loads.

/// Sets libtorch's and rayon's thread counts (`--threads`) and tunes glibc's allocator.
///
/// libtorch takes every activation tensor from malloc. With glibc's defaults each
/// one above the dynamic mmap threshold is a fresh `mmap` (and each free a `munmap`), so
/// every op pays the kernel for new zeroed pages: 13% of an encoder profile was page
/// faults and page clearing. Keeping such blocks on the heap and not trimming it
/// reuses the pages; peak memory is unchanged (measured: BENCHMARKS.md).
pub fn init(threads: usize) {
    // Deliberate: libtorch would otherwise pick its own count, and oversubscribe under CI.
    tch::set_num_threads(threads.max(1) as i32);
    // The rules stages' pool: the same count. Fails only if a pool was already built,
    // and then that one serves.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build_global();
    tune_allocator();
}

fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any
    // other thread of ours exists and before models allocate.
    unsafe {
        // 32 MiB is the largest threshold glibc accepts on 64-bit systems; bigger blocks
        // (long batches' attention scores) still come from mmap.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}
