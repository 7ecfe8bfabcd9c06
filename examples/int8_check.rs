//! Runs the classifier's int8 check (as `vnbrief train` does) on a dev split, without
//! retraining: `cargo run --release --example int8_check -- data/labeled/dev`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dev_path = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: int8_check DEV")?);
    vnbrief::runtime::init(2);
    let dev = vnbrief::samples::read_all(&vnbrief::samples::expand(&[dev_path])?)?;
    let models = vnbrief::settings::models_dir(None);
    let mut classifier = vnbrief::classify::Classifier::load(&models, Default::default(), None)?;
    let (_, check) = vnbrief::train::int8_check(&dev, &mut classifier)?;
    println!("{}", check.describe());
    Ok(())
}
