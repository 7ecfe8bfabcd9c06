//! int8 dynamic-quantized linear layers (libtorch's fbgemm kernels, reached through
//! `cxx/qlinear.cpp`): weights stored as qint8 once, activations quantized per call.
//! The same recipe as `torch.quantization.quantize_dynamic`.

use std::ffi::{c_char, c_void, CStr};

use tch::Tensor;

use crate::error::{Error, Result};

extern "C" {
    fn vnb_qlinear_pack(weight: *const c_void, bias: *const c_void, err: *mut *mut c_char) -> *mut c_void;
    fn vnb_qlinear_forward(packed: *mut c_void, input: *const c_void, err: *mut *mut c_char) -> *mut c_void;
    fn vnb_qlinear_free(packed: *mut c_void);
    fn vnb_free_message(message: *mut c_char);
    fn vnb_use_one_thread();
}

/// Makes libtorch's ops run on the calling thread alone, leaving the count other threads
/// use as it is: for threads that each run whole batches side by side.
pub fn use_one_thread() {
    // SAFETY: sets thread-local thread counts; no arguments, no preconditions.
    unsafe { vnb_use_one_thread() }
}

/// Takes the C++ side's error message (and frees it).
fn message(err: *mut c_char) -> String {
    if err.is_null() {
        return "unknown error".into();
    }
    // SAFETY: a non-null err is a NUL-terminated string malloc'd by the C++ side.
    let text = unsafe { CStr::from_ptr(err) }.to_string_lossy().into_owned();
    unsafe { vnb_free_message(err) };
    text
}

/// A linear layer `y = x·Wᵀ + b` with int8 weights.
pub struct QLinear {
    packed: *mut c_void,
}

// SAFETY: the packed weights are immutable after packing; fbgemm reads them from any
// thread (PyTorch shares them across threads the same way).
unsafe impl Send for QLinear {}
unsafe impl Sync for QLinear {}

impl QLinear {
    /// Quantizes and packs `weight` `[out, in]` (any float kind) and `bias` `[out]`.
    pub fn new(weight: &Tensor, bias: Option<&Tensor>) -> Result<QLinear> {
        let mut err: *mut c_char = std::ptr::null_mut();
        let bias_ptr = bias.map_or(std::ptr::null(), |b| b.as_ptr() as *const c_void);
        // SAFETY: the pointers are live tch tensors (at::Tensor*) for the call's duration.
        let packed = unsafe { vnb_qlinear_pack(weight.as_ptr() as *const c_void, bias_ptr, &mut err) };
        if packed.is_null() {
            return Err(Error::Runtime(format!("cannot quantize a linear layer: {}", message(err))));
        }
        Ok(QLinear { packed })
    }

    /// `x` `[.., in]` f32 → `[.., out]` f32.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let mut err: *mut c_char = std::ptr::null_mut();
        // SAFETY: `packed` is live (freed only on drop); `x` is a live tensor.
        let out = unsafe { vnb_qlinear_forward(self.packed, x.as_ptr() as *const c_void, &mut err) };
        if out.is_null() {
            return Err(Error::Runtime(format!("int8 linear layer failed: {}", message(err))));
        }
        // SAFETY: the C++ side returns a new at::Tensor*, which the Tensor now owns.
        Ok(unsafe { Tensor::from_ptr(out as *mut _) })
    }
}

impl Drop for QLinear {
    fn drop(&mut self) {
        // SAFETY: `packed` came from vnb_qlinear_pack and is freed once.
        unsafe { vnb_qlinear_free(self.packed) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::{Device, Kind};

    #[test]
    fn int8_linear_is_close_to_f32() {
        let _rng = crate::TORCH_RNG.lock().unwrap_or_else(|e| e.into_inner());
        tch::manual_seed(7);
        let w = Tensor::randn([48, 64], (Kind::Float, Device::Cpu)) * 0.1;
        let b = Tensor::randn([48], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([3, 5, 64], (Kind::Float, Device::Cpu));
        let exact = x.matmul(&w.tr()) + &b;
        let q = QLinear::new(&w, Some(&b)).unwrap();
        let got = q.forward(&x).unwrap();
        assert_eq!(got.size(), vec![3, 5, 48]);
        let rel = f64::try_from((&got - &exact).norm() / exact.norm()).unwrap();
        assert!(rel < 0.03, "relative error {rel}");
        let no_bias = QLinear::new(&w, None).unwrap().forward(&x).unwrap();
        let rel = f64::try_from((&no_bias + &b - &exact).norm() / exact.norm()).unwrap();
        assert!(rel < 0.03, "relative error without bias {rel}");
    }
}
