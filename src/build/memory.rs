//! Memory the allocator holds but no longer uses, given back to the system
//! between the steps of a build.
//!
//! A build allocates and frees a chunk's worth of issues (their text, pages,
//! rows) over and over on every core, between the few things it keeps
//! growing (the explore index, the archive order). glibc's allocator keeps
//! what is freed, in one heap per thread, for later allocations of the same
//! thread: the holes left between what is kept stay resident. `release`
//! gives back every whole page of them (`malloc_trim`), which changes no
//! output.

/// Gives the pages the allocator holds free back to the system (glibc on
/// Linux; elsewhere nothing).
pub fn release() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc: frees whole free pages of every heap; 1 when it released memory.
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: `malloc_trim` takes no pointer and only returns free
        // memory the allocator owns; it is safe to call from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}
