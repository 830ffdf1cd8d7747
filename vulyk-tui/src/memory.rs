//! How the process allocates, for the commands that stream a whole store through SQLite.
//!
//! Each store connection works on a thread of its own, and glibc gives threads arenas of
//! their own (up to eight per core). A copy moves SQLite's cache pages between the
//! connections' caches (they share one budget in this build) and frees them on other threads
//! than the ones that took them, among rows made on yet another: the arenas fragment, and
//! freed memory is kept in each. `db copy` of a million tasks and three million answers held
//! 196 MB resident for 97 MB in use; with one arena, 119 MB (BENCHMARKS.md, "Copying a
//! store"). jemalloc and mimalloc, tried in its place, held more.

/// Has every thread allocate from one arena. Call before the process starts a thread.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn one_arena() {
    // SAFETY: mallopt sets a tunable of glibc's allocator and touches no memory of ours;
    // called before any other thread exists, nothing allocates concurrently. On failure
    // (it returns 0) the arenas stay as they were: more memory, nothing wrong.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Other allocators are left as they are.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn one_arena() {}
