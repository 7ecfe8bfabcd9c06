//! Runs the classifier's int8 check (as `vnbrief train` does) on a dev split, without
//! retraining: `cargo run --release --example int8_check -- data/labeled/dev`.
//!
//! With `--calibrate`, first measures the int8 smoothing ranges on the head's own
//! training files (the step `train` runs after training) and writes them and the check
//! into the classifier folder: what `train` would have written for these weights.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let calibrate = args.iter().any(|a| a == "--calibrate");
    let dev_path = args.iter().find(|a| !a.starts_with("--")).ok_or("usage: int8_check DEV [--calibrate]")?;
    vnbrief::runtime::init(2);
    let dev = vnbrief::samples::read_all(&vnbrief::samples::expand(&[dev_path.into()])?)?;
    let models = vnbrief::settings::models_dir(None);
    let dir = models.join(vnbrief::classify::CLASSIFIER_DIR);
    let f32 = Some(vnbrief::classify::bert::Precision::F32);
    let mut classifier = vnbrief::classify::Classifier::load(&models, Default::default(), f32)?;
    if calibrate {
        let files: Vec<std::path::PathBuf> = classifier.meta.training_files.iter().map(Into::into).collect();
        let train = vnbrief::samples::read_all(&files)?;
        let inputs = vnbrief::classify::sample_inputs(&train);
        let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
        classifier.meta.int8_smoothing = Some(vnbrief::train::calibrate(classifier.encoder_mut(), &texts, &dir)?);
    }
    let (_, check) = vnbrief::train::int8_check(&dev, &mut classifier)?;
    println!("{}", check.describe());
    if calibrate {
        classifier.meta.int8 = Some(check);
        classifier.head().save(&dir, &classifier.meta)?;
    }
    Ok(())
}
