// int8 dynamic-quantized linear layers for the encoder: what
// torch.quantization.quantize_dynamic gives transformers users. The ops
// (quantized::linear_prepack, quantized::linear_dynamic, fbgemm kernels) are in the
// libtorch we link, but tch's generated API does not reach them: they are called here
// through the c10 dispatcher. Errors come back as a malloc'd message, never as a C++
// exception across the FFI boundary.

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/stack.h>

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace {

char* copy_message(const std::string& s) {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out) std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

c10::OperatorHandle op(const char* name) {
    return c10::Dispatcher::singleton().findSchemaOrThrow(name, "");
}

}  // namespace

// MKL's per-thread setting (the C entry point; mkl_set_num_threads_local is the
// Fortran one, which takes a pointer), exported by libtorch_cpu.
extern "C" int MKL_Set_Num_Threads_Local(int);

extern "C" {

// Makes libtorch's ops run on the calling thread alone (OpenMP, MKL and fbgemm), without
// touching the process-wide count other threads use: for a pool whose threads each run
// a batch of their own. ATen initialises a thread's OpenMP count from the global one on
// first use, so that happens first. OpenMP is reached through the libgomp libtorch
// loaded (it is not on our link line).
void vnb_use_one_thread(void) {
    at::get_num_threads();
    using SetThreads = void (*)(int);
    static SetThreads omp_set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
    if (omp_set) omp_set(1);
    MKL_Set_Num_Threads_Local(1);
}

// Quantizes `weight` [out, in] to qint8 and packs it with `bias` (may be null) for fbgemm.
// Returns an opaque handle (free with vnb_qlinear_free) or null with *err set.
void* vnb_qlinear_pack(const at::Tensor* weight, const at::Tensor* bias, char** err) {
    try {
        at::NoGradGuard no_grad;
        at::Tensor w = weight->to(at::kFloat).contiguous();
        // Symmetric, one scale per output row (per-channel): rows of very different
        // magnitude each keep their resolution. scale = max|row| / ((127 - -128) / 2), as
        // PyTorch's symmetric observers compute it.
        at::Tensor amax = std::get<0>(w.abs().max(1)).to(at::kDouble);
        at::Tensor scales = at::where(amax > 0, amax / 127.5, at::ones_like(amax));
        at::Tensor zeros = at::zeros({w.size(0)}, at::kLong);
        at::Tensor qw = at::quantize_per_channel(w, scales, zeros, 0, at::kQInt8);
        std::vector<c10::IValue> stack;
        stack.emplace_back(qw);
        if (bias) {
            stack.emplace_back(bias->to(at::kFloat).contiguous());
        } else {
            stack.emplace_back(c10::IValue());
        }
        static const c10::OperatorHandle prepack = op("quantized::linear_prepack");
        prepack.callBoxed(stack);
        return new c10::IValue(std::move(stack.at(0)));
    } catch (const std::exception& e) {
        *err = copy_message(e.what());
        return nullptr;
    }
}

// y = x · Wᵀ + b with x [.., in] f32, quantized per call to quint8 with reduce_range
// (7 bits), as quantize_dynamic's modules call it: CPUs without VNNI accumulate pairs of
// products in int16, which full-range activations can saturate.
// Returns a new tensor or null with *err set.
at::Tensor* vnb_qlinear_forward(void* packed, const at::Tensor* input, char** err) {
    try {
        std::vector<c10::IValue> stack;
        stack.emplace_back(input->contiguous());
        stack.emplace_back(*static_cast<c10::IValue*>(packed));
        stack.emplace_back(true);
        static const c10::OperatorHandle linear = op("quantized::linear_dynamic");
        linear.callBoxed(stack);
        return new at::Tensor(stack.at(0).toTensor());
    } catch (const std::exception& e) {
        *err = copy_message(e.what());
        return nullptr;
    }
}

void vnb_qlinear_free(void* packed) {
    delete static_cast<c10::IValue*>(packed);
}

void vnb_free_message(char* message) {
    std::free(message);
}

}  // extern "C"
