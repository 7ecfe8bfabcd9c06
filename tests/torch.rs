//! libtorch really runs under this build (linking, rpath, CPU kernels).

#[test]
fn libtorch_computes_and_trains() {
    use tch::{nn, nn::OptimizerConfig, Kind, Tensor};
    let a = Tensor::from_slice(&[1.0f32, 2.0, 3.0, 4.0]).reshape([2, 2]);
    let b = a.matmul(&a.transpose(0, 1));
    assert_eq!(Vec::<f32>::try_from(b.flatten(0, 1)).unwrap(), vec![5.0, 11.0, 11.0, 25.0]);

    // A few optimiser steps fit y = 2x, so autograd and the optimiser work too.
    tch::manual_seed(0);
    let vs = nn::VarStore::new(tch::Device::Cpu);
    let lin = nn::linear(vs.root(), 1, 1, Default::default());
    let mut opt = nn::Sgd::default().build(&vs, 0.1).unwrap();
    let x = Tensor::arange(8, (Kind::Float, tch::Device::Cpu)).reshape([8, 1]) / 8.0;
    let y = &x * 2.0;
    for _ in 0..500 {
        let loss = nn::Module::forward(&lin, &x).mse_loss(&y, tch::Reduction::Mean);
        opt.backward_step(&loss);
    }
    let pred = nn::Module::forward(&lin, &Tensor::from_slice(&[0.5f32]).reshape([1, 1]));
    assert!((pred.double_value(&[0, 0]) - 1.0).abs() < 0.01);
}
