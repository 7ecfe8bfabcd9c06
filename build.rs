//! Gives the binaries an rpath to libtorch, so they run without LD_LIBRARY_PATH.
//! Printed as a link arg (not RUSTFLAGS) so a user's RUSTFLAGS cannot drop it.
fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if let Ok(dir) = std::env::var("LIBTORCH") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}/lib");
    }
}
