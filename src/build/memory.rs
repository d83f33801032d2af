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

/// Blocks of this many bytes or more get pages of their own from the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: std::ffi::c_int = 256 << 10;

/// Has every block of [`MMAP_THRESHOLD`] (256 KiB) or more (a chunk's rows,
/// the explore index's longest lists of ids, text chunks, buffers) mapped
/// on its own and given back to the system as soon as it is freed. By
/// default glibc raises that threshold each time such a block is freed, up
/// to 32 MiB, and then keeps them in its heaps, where what is kept between
/// them stays resident. Call it before the build allocates.
pub fn map_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc: sets an allocator parameter; 1 on success.
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        /// glibc's `M_MMAP_THRESHOLD`.
        const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
        // SAFETY: `mallopt` takes no pointer; it changes only where later
        // allocations come from, and may be called from any thread.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        }
    }
}
