//! Gives the binaries an rpath to libtorch, so they run without LD_LIBRARY_PATH
//! (printed as a link arg, not RUSTFLAGS, so a user's RUSTFLAGS cannot drop it), and
//! compiles the small C++ file that reaches libtorch's int8 linear ops.
fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    println!("cargo:rerun-if-env-changed=LIBTORCH_CXX11_ABI");
    println!("cargo:rerun-if-changed=src/classify/cxx/qlinear.cpp");
    let Ok(dir) = std::env::var("LIBTORCH") else {
        panic!("LIBTORCH is not set: run scripts/setup.sh (it lays libtorch out in .deps/libtorch, which .cargo/config.toml names)");
    };
    println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}/lib");
    let abi = std::env::var("LIBTORCH_CXX11_ABI").unwrap_or_else(|_| "1".into());
    cc::Build::new()
        .cpp(true)
        .file("src/classify/cxx/qlinear.cpp")
        .include(format!("{dir}/include"))
        .include(format!("{dir}/include/torch/csrc/api/include"))
        .flag("-std=c++17")
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-deprecated-declarations")
        .define("_GLIBCXX_USE_CXX11_ABI", abi.as_str())
        .compile("vnbrief_qlinear");
    println!("cargo:rustc-link-search=native={dir}/lib");
    println!("cargo:rustc-link-lib=dylib=torch_cpu");
    println!("cargo:rustc-link-lib=dylib=c10");
}
